package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseServe(t *testing.T) {
	tests := []struct {
		args    []string
		want    serveOptions
		wantErr string
	}{
		{args: []string{"r.yaml"}, want: serveOptions{recipe: "r.yaml", addr: "127.0.0.1:8080"}},
		{args: []string{"r.yaml", "--addr", "localhost:9000", "--period", "2026-09"}, want: serveOptions{recipe: "r.yaml", addr: "localhost:9000", period: "2026-09"}},
		{args: []string{"r.yaml", "--addr", "[::1]:0"}, want: serveOptions{recipe: "r.yaml", addr: "[::1]:0"}},
		{args: []string{"r.yaml", "--addr", "0.0.0.0:8080"}, wantErr: `--addr "0.0.0.0:8080" is not a loopback address: serve shows the pack on this computer only (use 127.0.0.1 or localhost)`},
		{args: []string{"r.yaml", "--addr", "192.168.1.20:80"}, wantErr: `--addr "192.168.1.20:80" is not a loopback address: serve shows the pack on this computer only (use 127.0.0.1 or localhost)`},
		{args: []string{"r.yaml", "--addr", "8080"}, wantErr: `--addr "8080" is not host:port`},
		{args: nil, wantErr: "serve takes one recipe file, got 0 arguments"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			f := &fakeEnv{}
			got, err := parseServe(tt.args, f.env())
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Equal(t, tt.wantErr, err.Error())
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got, "got options %+v, want %+v", got, tt.want)
		})
	}
}

// startServe serves recipe on a free loopback port and returns its base
// URL; the server stops, and is checked to have stopped cleanly, when the
// test ends.
func startServe(t *testing.T, recipe string) (string, *fakeEnv) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	f := &fakeEnv{vars: map[string]string{"SOURCE_DATE_EPOCH": "1790000000"}}
	done := make(chan error, 1)
	go func() { done <- serve(ctx, serveOptions{recipe: recipe}, ln, f.env()) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			assert.ErrorIs(t, err, context.Canceled)
		case <-time.After(5 * time.Second):
			assert.Fail(t, "serve did not stop within 5 s of its context ending")
		}
	})
	return "http://" + ln.Addr().String(), f
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(body)
}

// waitVersion waits until /version says want.
func waitVersion(t *testing.T, base, want string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	got := ""
	for time.Now().Before(deadline) {
		_, got = get(t, base+"/version")
		if got == want {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	require.Failf(t, "version not reached", "got version %q, want %q within 10 s", got, want)
}

func rewrite(t *testing.T, path, old, new string) {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Contains(t, string(data), old)
	require.NoError(t, os.WriteFile(path, []byte(strings.Replace(string(data), old, new, 1)), 0o644))
}

func TestServeRendersAgainOnChange(t *testing.T) {
	recipe := tinyOffice(t)
	base, _ := startServe(t, recipe)

	code, body := get(t, base+"/")
	require.Equal(t, http.StatusOK, code)
	assert.Contains(t, body, `<iframe id="pack" title="`+recipe+`" src="/pack?v=1">`)
	assert.Equal(t, "1", func() string { _, v := get(t, base+"/version"); return v }())
	_, body = get(t, base+"/pack")
	assert.Contains(t, body, "Tiny")

	rewrite(t, recipe, "title: Tiny", "title: Tiny revised")
	waitVersion(t, base, "2")
	_, body = get(t, base+"/pack")
	assert.Contains(t, body, "Tiny revised")

	// A recipe that does not validate shows its faults, positioned.
	rewrite(t, recipe, `reservations: ["Figures are a test."]`, `reservations: []`)
	waitVersion(t, base, "3")
	_, body = get(t, base+"/pack")
	assert.Contains(t, body, "does not render")
	assert.Contains(t, body, "tiny.yaml:")

	// An extract changing renders again too.
	rewrite(t, recipe, `reservations: []`, `reservations: ["Figures are a test."]`)
	waitVersion(t, base, "4")
	rewrite(t, filepath.Join(filepath.Dir(recipe), "pay.csv"), "C3,P3,closed,50", "C3,P3,closed,5000")
	waitVersion(t, base, "5")
	_, body = get(t, base+"/pack")
	assert.Contains(t, body, "5,000")
	assert.NotContains(t, body, "does not render")

	// A page elsewhere cannot read the pack through another host name.
	req, err := http.NewRequest("GET", base+"/pack", nil)
	require.NoError(t, err)
	req.Host = "attacker.example:80"
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusForbidden, resp.StatusCode)
}

// TestServeReloadsInBrowser opens the served page in Chromium and checks
// that the pack shown changes after the recipe does, without a reload by
// hand. It is skipped without Chromium unless MIPACK_REQUIRE_BROWSER=1.
func TestServeReloadsInBrowser(t *testing.T) {
	browser := "/usr/bin/chromium"
	if _, err := exec.LookPath(browser); err != nil {
		require.NotEqual(t, "1", os.Getenv("MIPACK_REQUIRE_BROWSER"), "no browser at %s, and MIPACK_REQUIRE_BROWSER=1", browser)
		t.Skipf("no browser at %s: install chromium, or set MIPACK_REQUIRE_BROWSER=1 to fail instead", browser)
	}
	recipe := tinyOffice(t)
	base, _ := startServe(t, recipe)

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(browser), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true), chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.UserDataDir(t.TempDir()),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancelTime := context.WithTimeout(ctx, 60*time.Second)
	defer cancelTime()

	framed := `(() => { const d = document.getElementById("pack").contentDocument; return d && d.body ? d.body.innerText : ""; })()`
	waitFor := func(want string) string {
		t.Helper()
		var text string
		deadline := time.Now().Add(15 * time.Second)
		for time.Now().Before(deadline) {
			var err error
			text, err = chromedp.Run(ctx, chromedp.Evaluate[string](framed))
			require.NoError(t, err)
			if strings.Contains(text, want) {
				return text
			}
			time.Sleep(100 * time.Millisecond)
		}
		require.Failf(t, "page text not reached", "got a page reading %q, want it to hold %q", text, want)
		return ""
	}
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(base+"/")))
	waitFor("Tiny")
	status, err := chromedp.Run(ctx, chromedp.Text("#status"))
	require.NoError(t, err)
	assert.Equal(t, "version 1", status)

	rewrite(t, recipe, "title: Tiny", "title: Renamed in the editor")
	waitFor("Renamed in the editor")
	status, err = chromedp.Run(ctx, chromedp.Text("#status"))
	require.NoError(t, err)
	assert.Equal(t, "version 2", status)

	rewrite(t, recipe, "group_by: [status]", "group_by: [stauts]")
	waitFor("does not render")
}
