package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"net"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/mipack/mipack/recipes"
	"github.com/mipack/mipack/render/html"
)

// debounce is how long serve waits after the last change before it
// renders again, so that an editor's save (often several writes and a
// rename) makes one render.
const debounce = 200 * time.Millisecond

// serveOptions are `mipack serve`'s inputs.
type serveOptions struct {
	recipe string
	addr   string // host:port on the loopback interface
	period string
}

func parseServe(args []string, e env) (serveOptions, error) {
	var o serveOptions
	fs := newFlags("serve", e.stderr)
	fs.StringVar(&o.addr, "addr", "127.0.0.1:8080", "the loopback address to listen on, host:port")
	fs.StringVar(&o.period, "period", "", "the month to report, YYYY-MM (default: the recipe's period)")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return o, err
	}
	if len(pos) != 1 {
		return o, usagef("serve takes one recipe file, got %d arguments", len(pos))
	}
	o.recipe = pos[0]
	host, _, err := net.SplitHostPort(o.addr)
	if err != nil {
		return o, usagef("--addr %q is not host:port", o.addr)
	}
	if !loopback(host) {
		return o, usagef("--addr %q is not a loopback address: serve shows the pack on this computer only (use 127.0.0.1 or localhost)", o.addr)
	}
	return o, nil
}

// loopback reports whether host names this computer only.
func loopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// runServe serves the recipe's HTML pack until interrupted.
func runServe(ctx context.Context, args []string, e env) error {
	o, err := parseServe(args, e)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return err
	}
	err = serve(ctx, o, ln, e)
	if errors.Is(err, context.Canceled) {
		return nil // Ctrl-C is how serve ends
	}
	return err
}

// server holds the last render; handlers read it while the watcher
// replaces it.
type server struct {
	o serveOptions
	e env

	mu      sync.Mutex
	version int
	page    []byte // the pack's HTML, or the page of faults
	fault   bool
	watched []string // absolute paths of the recipe and its extracts
}

// serve renders the recipe, serves it on ln, and renders again whenever
// the recipe or an extract changes, until ctx ends. The page at / holds
// the pack in a frame and reloads it when /version changes; the pack
// itself is served at /pack exactly as `render` writes it, so its own
// Content-Security-Policy stays in force. Faults, such as a recipe that
// does not validate, are shown in the page instead of the pack.
func serve(ctx context.Context, o serveOptions, ln net.Listener, e env) error {
	s := &server{o: o, e: e}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		ln.Close()
		return err
	}
	defer w.Close()
	s.render(ctx)
	s.watch(w)

	srv := &http.Server{Handler: s.routes(), ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	fmt.Fprintf(e.stdout, "serving %s at http://%s/ (Ctrl-C to stop)\n", o.recipe, ln.Addr())

	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			_ = srv.Shutdown(shut)
			return ctx.Err()
		case err := <-done:
			return err
		case ev, ok := <-w.Events:
			if ok && s.concerns(ev) {
				timer.Reset(debounce)
			}
		case err, ok := <-w.Errors:
			if ok {
				fmt.Fprintf(e.stderr, "mipack: watching for changes: %v\n", err)
			}
		case <-timer.C:
			s.render(ctx)
			s.watch(w)
		}
	}
}

// render makes the pack and its HTML, or the page of faults.
func (s *server) render(ctx context.Context) {
	page, err := s.build(ctx)
	if err != nil {
		page = faultPage(s.o.recipe, err)
	}
	s.mu.Lock()
	s.version++
	s.page, s.fault = page, err != nil
	v := s.version
	s.mu.Unlock()
	if err != nil {
		fmt.Fprintf(s.e.stdout, "version %d: %s does not render; the faults are shown in the page\n", v, s.o.recipe)
		return
	}
	fmt.Fprintf(s.e.stdout, "version %d: rendered %s\n", v, s.o.recipe)
}

func (s *server) build(ctx context.Context) ([]byte, error) {
	p, err := makePack(ctx, s.o.recipe, s.o.period, s.e)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := renderSafely(html.Renderer{}, &buf, p); err != nil {
		return nil, fmt.Errorf("render html: %w", err)
	}
	return buf.Bytes(), nil
}

// watch watches the directories of the recipe and of every extract it
// names (directories, not files, since editors save by renaming).
func (s *server) watch(w *fsnotify.Watcher) {
	files := []string{s.o.recipe}
	if r, err := recipes.Load(s.o.recipe); err == nil {
		for _, src := range r.Sources {
			f := src.File.Value
			if f != "" && !filepath.IsAbs(f) {
				f = filepath.Join(r.Dir, f)
			}
			if f != "" {
				files = append(files, f)
			}
		}
	}
	var abs []string
	for _, f := range files {
		a, err := filepath.Abs(f)
		if err != nil {
			continue
		}
		abs = append(abs, a)
		dir := filepath.Dir(a)
		if err := w.Add(dir); err != nil {
			fmt.Fprintf(s.e.stderr, "mipack: cannot watch %s: %v\n", dir, err)
		}
	}
	s.mu.Lock()
	s.watched = abs
	s.mu.Unlock()
}

// concerns reports whether an event is about the recipe or an extract.
func (s *server) concerns(ev fsnotify.Event) bool {
	if ev.Op == fsnotify.Chmod {
		return false
	}
	name, err := filepath.Abs(ev.Name)
	if err != nil {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, f := range s.watched {
		if f == name {
			return true
		}
	}
	return false
}

func (s *server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.handleFrame)
	mux.HandleFunc("GET /pack", s.handlePack)
	mux.HandleFunc("GET /version", s.handleVersion)
	mux.HandleFunc("GET /reload.js", handleReloadScript)
	return onlyLocal(mux)
}

// onlyLocal refuses requests whose Host is not this computer, so that a
// web page elsewhere cannot read the pack through DNS rebinding.
func onlyLocal(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, _, err := net.SplitHostPort(r.Host)
		if err != nil {
			host = r.Host
		}
		if !loopback(strings.Trim(host, "[]")) {
			http.Error(w, "mipack serve answers on this computer only", http.StatusForbidden)
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		next.ServeHTTP(w, r)
	})
}

func (s *server) handlePack(w http.ResponseWriter, _ *http.Request) {
	s.mu.Lock()
	page := s.page
	s.mu.Unlock()
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = w.Write(page)
}

func (s *server) handleVersion(w http.ResponseWriter, _ *http.Request) {
	s.mu.Lock()
	v := s.version
	s.mu.Unlock()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = w.Write([]byte(strconv.Itoa(v)))
}

var framePage = template.Must(template.New("frame").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{.Recipe}} — mipack serve</title>
<style>
html, body { margin: 0; height: 100%; font-family: system-ui, sans-serif; }
body { display: flex; flex-direction: column; }
header { padding: 4px 12px; font-size: 13px; background: #f3f3f3; border-bottom: 1px solid #ccc; }
iframe { flex: 1; border: 0; width: 100%; }
</style>
<script src="/reload.js" defer></script>
</head>
<body>
<header>mipack serve: <strong>{{.Recipe}}</strong> · <span id="status" data-version="{{.Version}}">version {{.Version}}</span> · re-rendered when the recipe or an extract changes</header>
<iframe id="pack" title="{{.Recipe}}" src="/pack?v={{.Version}}"></iframe>
</body>
</html>
`))

func (s *server) handleFrame(w http.ResponseWriter, _ *http.Request) {
	s.mu.Lock()
	v := s.version
	s.mu.Unlock()
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; connect-src 'self'; frame-src 'self'; style-src 'unsafe-inline'")
	_ = framePage.Execute(w, struct {
		Recipe  string
		Version int
	}{s.o.recipe, v})
}

// reloadScript polls /version and reloads the frame when it changes.
const reloadScript = `(function () {
  var status = document.getElementById("status");
  var frame = document.getElementById("pack");
  var shown = status.getAttribute("data-version");
  function poll() {
    fetch("/version", {cache: "no-store"}).then(function (r) { return r.text(); }).then(function (v) {
      if (v !== shown) {
        shown = v;
        status.setAttribute("data-version", v);
        status.textContent = "version " + v;
        frame.src = "/pack?v=" + encodeURIComponent(v);
      }
    }).catch(function () {
      status.textContent = "not connected: is mipack serve still running?";
    }).finally(function () { setTimeout(poll, 500); });
  }
  setTimeout(poll, 500);
})();
`

func handleReloadScript(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	_, _ = w.Write([]byte(reloadScript))
}

var faultTemplate = template.Must(template.New("fault").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{{.Recipe}} does not render</title>
<style>body { font-family: system-ui, sans-serif; margin: 2em; } pre { background: #fff4f4; border-left: 4px solid #b00020; padding: 1em; white-space: pre-wrap; }</style>
</head>
<body>
<h1>{{.Recipe}} does not render</h1>
<p>Fix the faults below and save; this page renders again by itself.</p>
<pre>{{.Faults}}</pre>
{{with .Hint}}<p>{{.}}</p>{{end}}
</body>
</html>
`))

// faultPage shows why the recipe does not render, as `render` would print it.
func faultPage(recipe string, err error) []byte {
	var buf bytes.Buffer
	_ = faultTemplate.Execute(&buf, struct{ Recipe, Faults, Hint string }{recipe, err.Error(), hintFor(err)})
	return buf.Bytes()
}
