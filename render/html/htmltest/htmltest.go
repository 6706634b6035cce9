// Package htmltest checks a rendered pack page in headless Chromium, for
// tests: the renderer's own, and the command's end-to-end tests over every
// sample recipe's real output.
//
//	func TestSamplePage(t *testing.T) {
//		path := filepath.Join(t.TempDir(), "pack.html")
//		// ... render a pack to path ...
//		r := htmltest.Check(t, path) // fails t on every problem found
//		if len(r.Charts) != 3 {
//			t.Errorf("got %d charts, want 3", len(r.Charts))
//		}
//	}
//
// Check loads the file from a file:// URL with the network cut off by the
// page's own Content-Security-Policy, and reports console errors and
// uncaught exceptions, requests to anything but file: and data: URLs,
// script dialogs (an alert means injected markup ran), <img> elements,
// charts not drawn at a real size, fragment links with no target, duplicate
// ids, and axe-core accessibility violations of moderate, serious or
// critical impact.
// It shows every chart's tooltips first, so that text ECharts writes as
// HTML is checked too.
//
// The browser is found as chromium, chromium-browser or google-chrome on
// PATH. Without one the test is skipped, unless MIPACK_REQUIRE_BROWSER=1,
// when it fails. axe-core (MPL-2.0) is embedded from axe/; axe/refresh.sh
// fetches the pinned version from the npm registry and checks its sha256.
package htmltest

import (
	"context"
	_ "embed"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

//go:embed axe/axe.min.js
var axeSource string

// RequireBrowserEnv names the environment variable that turns a missing
// browser from a skip into a failure (set it to "1" in CI).
const RequireBrowserEnv = "MIPACK_REQUIRE_BROWSER"

// Report is what Check found on one page.
type Report struct {
	// ConsoleErrors are console.error calls, uncaught exceptions and
	// browser log errors (a blocked request or style is one).
	ConsoleErrors []string
	// OutsideRequests are the URLs requested that are not file: or data:.
	OutsideRequests []string
	// Dialogs are the messages of alert, confirm and prompt dialogs opened.
	Dialogs []string
	// Images is the number of <img> elements in the page after every
	// chart's tooltips were shown.
	Images int
	// Charts has one entry per chart container ([data-chart]), in page order.
	Charts []Chart
	// BrokenAnchors are the href="#x" links with no element of id x.
	BrokenAnchors []string
	// DuplicateIDs are ids used by more than one element.
	DuplicateIDs []string
	// Violations are axe-core violations of moderate, serious or critical impact.
	Violations []Violation
	// Tables has one entry per figure table (table.figures), measured on
	// screen in a ScreenWidth window and in print at PrintWidth, or
	// PrintWideWidth for a table in a wide section (printed on a
	// landscape page).
	Tables []Table
}

// Table is one figure table as laid out on screen and in print.
type Table struct {
	// Caption is the table's caption; Wide is true for one in a section
	// of class "wide", printed on a landscape page.
	Caption string
	Wide    bool
	// Screen and Print are the table's width and the width it has room
	// for (its wrapper's, within the page), in CSS pixels.
	Screen, ScreenRoom float64
	Print, PrintRoom   float64
}

// Window and print widths in CSS pixels: a common laptop window, and the
// text width of an A4 page with 15 mm margins upright (180 mm) and turned
// (267 mm).
const (
	ScreenWidth    = 1280
	PrintWidth     = 680
	PrintWideWidth = 1009
)

// Chart is one chart container and what was drawn in it.
type Chart struct {
	// ID is the container's id; Label its accessible name.
	ID, Label string
	// Width and Height are the drawn svg's or canvas's size in CSS pixels,
	// 0 when nothing was drawn.
	Width, Height float64
}

// Violation is one axe-core rule a page breaks.
type Violation struct {
	// ID is the axe rule id, e.g. "color-contrast"; Impact "moderate",
	// "serious" or "critical".
	ID, Impact, Help string
	// Targets are CSS selectors of the offending elements.
	Targets []string
}

// MinChartSize is the least width and height, in CSS pixels, a drawn chart
// must have.
const MinChartSize = 100

// Problems lists, one line each, everything in r that makes a page unfit.
func (r Report) Problems() []string {
	var out []string
	for _, e := range r.ConsoleErrors {
		out = append(out, "console error: "+e)
	}
	for _, u := range r.OutsideRequests {
		out = append(out, "request outside the file: "+u)
	}
	for _, d := range r.Dialogs {
		out = append(out, "script dialog opened: "+d)
	}
	if r.Images > 0 {
		out = append(out, fmt.Sprintf("got %d <img> elements, want 0", r.Images))
	}
	for _, c := range r.Charts {
		if c.Width < MinChartSize || c.Height < MinChartSize {
			out = append(out, fmt.Sprintf("chart %q drawn %gx%g px, want at least %dx%d", c.ID, c.Width, c.Height, MinChartSize, MinChartSize))
		}
		if strings.TrimSpace(c.Label) == "" {
			out = append(out, fmt.Sprintf("chart %q has no accessible name", c.ID))
		}
	}
	for _, a := range r.BrokenAnchors {
		out = append(out, "link to a missing id: "+a)
	}
	for _, id := range r.DuplicateIDs {
		out = append(out, "duplicate id: "+id)
	}
	for _, v := range r.Violations {
		out = append(out, fmt.Sprintf("axe %s violation %s: %s at %s", v.Impact, v.ID, v.Help, strings.Join(v.Targets, ", ")))
	}
	for _, tb := range r.Tables {
		if tb.Screen > tb.ScreenRoom+1 {
			out = append(out, fmt.Sprintf("table %q is %.0f px wide in a %d px window with room for %.0f: it scrolls sideways", tb.Caption, tb.Screen, ScreenWidth, tb.ScreenRoom))
		}
		if tb.Print > tb.PrintRoom+1 {
			out = append(out, fmt.Sprintf("table %q is %.0f px wide in print with room for %.0f: it does not fit the page", tb.Caption, tb.Print, tb.PrintRoom))
		}
	}
	return out
}

// Check loads the HTML file at path in headless Chromium and reports what it
// found; every problem (see Report.Problems) fails t with t.Errorf. It skips
// t when no browser is installed, unless MIPACK_REQUIRE_BROWSER=1.
func Check(t testing.TB, path string) Report {
	t.Helper()
	browser := FindBrowser()
	if browser == "" {
		if os.Getenv(RequireBrowserEnv) == "1" {
			t.Fatalf("no chromium, chromium-browser or google-chrome on PATH, and %s=1", RequireBrowserEnv)
		}
		t.Skip("no chromium, chromium-browser or google-chrome on PATH; install chromium to run the browser checks")
	}
	r, err := run(browser, path, t.TempDir())
	if err != nil {
		t.Fatalf("check %s in %s: %v", path, browser, err)
	}
	for _, p := range r.Problems() {
		t.Errorf("%s: %s", filepath.Base(path), p)
	}
	return r
}

// FindBrowser returns the path of the first of chromium, chromium-browser
// and google-chrome found on PATH, or "".
func FindBrowser() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// collector gathers the browser's events; they arrive on other goroutines.
type collector struct {
	mu       sync.Mutex
	errors   []string
	requests []string
	dialogs  []string
}

func (c *collector) add(list *[]string, s string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	*list = append(*list, s)
}

// pageState is what pageStateJS returns.
type pageState struct {
	Images        int      `json:"images"`
	Charts        []Chart  `json:"charts"`
	BrokenAnchors []string `json:"brokenAnchors"`
	DuplicateIDs  []string `json:"duplicateIds"`
}

// run does the checks of Check and returns an error when the browser could
// not be driven at all.
func run(browser, path, profile string) (Report, error) {
	var r Report
	abs, err := filepath.Abs(path)
	if err != nil {
		return r, err
	}
	if _, err := os.Stat(abs); err != nil {
		return r, err
	}
	pageURL := (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()

	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(browser),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(ScreenWidth, 900),
	)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(allocCtx)
	defer cancel()
	// Start the browser on a context without a timeout (a timeout on the
	// first run would stop the browser), then listen before navigating.
	if err := chromedp.Do(ctx); err != nil {
		return r, fmt.Errorf("start browser: %w", err)
	}
	listenCtx, stopListening := context.WithCancel(ctx)
	c := &collector{}
	var wg sync.WaitGroup
	messages := chromedp.Console(listenCtx)
	requests := chromedp.Events(listenCtx, network.RequestWillBeSent)
	dialogs := chromedp.Events(listenCtx, page.JavascriptDialogOpening)
	wg.Add(3)
	go func() {
		defer wg.Done()
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() || m.Type == "assert" {
				c.add(&c.errors, m.String())
			}
		}
	}()
	go func() {
		defer wg.Done()
		for e, err := range requests {
			if err != nil {
				return
			}
			u := e.Request.URL
			if !strings.HasPrefix(u, "file:") && !strings.HasPrefix(u, "data:") {
				c.add(&c.requests, u)
			}
		}
	}()
	go func() {
		defer wg.Done()
		for e, err := range dialogs {
			if err != nil {
				return
			}
			c.add(&c.dialogs, string(e.Type)+": "+e.Message)
			_, _ = chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
		}
	}()

	tctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	defer cancelTimeout()
	err = chromedp.Do(tctx,
		chromedp.Navigate(pageURL),
		chromedp.WaitReady(chromedp.CSS("body")),
	)
	var state pageState
	var violations []Violation
	if err == nil {
		// A chart that is never drawn is reported below with no size, so
		// the wait's own timeout is not an error.
		_, _ = chromedp.Run(tctx, chromedp.Poll[bool](chartsDrawnJS, chromedp.WithPollingTimeout(10*time.Second)))
	}
	if err == nil {
		_, err = chromedp.Run(tctx, chromedp.Evaluate[int](showTooltipsJS))
	}
	if err == nil {
		err = chromedp.Do(tctx, chromedp.Sleep(100*time.Millisecond))
	}
	if err == nil {
		state, err = chromedp.Run(tctx, chromedp.Evaluate[pageState](pageStateJS))
	}
	var tables []Table
	if err == nil {
		tables, err = measureTables(tctx)
	}
	if err == nil {
		err = chromedp.Do(tctx, chromedp.Evaluate[chromedp.Void](axeSource))
	}
	if err == nil {
		violations, err = chromedp.Run(tctx, chromedp.Evaluate[[]Violation](axeRunJS, chromedp.EvalAwaitPromise))
	}
	// Let events still on their way arrive, then stop listening.
	_ = chromedp.Do(tctx, chromedp.Sleep(50*time.Millisecond))
	stopListening()
	wg.Wait()
	if err != nil {
		return r, err
	}

	r.ConsoleErrors = c.errors
	r.OutsideRequests = c.requests
	r.Dialogs = c.dialogs
	r.Images = state.Images
	r.Charts = state.Charts
	r.BrokenAnchors = state.BrokenAnchors
	r.DuplicateIDs = state.DuplicateIDs
	r.Violations = violations
	r.Tables = tables
	sort.Strings(r.OutsideRequests)
	return r, nil
}

// measureTables measures every figure table in a ScreenWidth window, then
// in print media at PrintWidth and at PrintWideWidth, and leaves the page
// as it found it.
func measureTables(ctx context.Context) ([]Table, error) {
	layout := func(media string, width int64) ([]tableBox, error) {
		if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media}); err != nil {
			return nil, err
		}
		if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: width, Height: 900, DeviceScaleFactor: 1}); err != nil {
			return nil, err
		}
		return chromedp.Run(ctx, chromedp.Evaluate[[]tableBox](tableBoxesJS))
	}
	screen, err := layout("screen", ScreenWidth)
	if err != nil {
		return nil, err
	}
	print, err := layout("print", PrintWidth)
	if err != nil {
		return nil, err
	}
	wide, err := layout("print", PrintWideWidth)
	if err != nil {
		return nil, err
	}
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{}); err != nil {
		return nil, err
	}
	if _, err := chromedp.Call(ctx, emulation.ClearDeviceMetricsOverride, cdp.Empty{}); err != nil {
		return nil, err
	}
	tables := make([]Table, len(screen))
	for i, b := range screen {
		tables[i] = Table{Caption: b.Caption, Wide: b.Wide, Screen: b.Width, ScreenRoom: b.Room}
		pb := print[i]
		if b.Wide {
			pb = wide[i]
		}
		tables[i].Print, tables[i].PrintRoom = pb.Width, pb.Room
	}
	return tables, nil
}

// tableBox is what tableBoxesJS returns for one table.
type tableBox struct {
	Caption     string
	Wide        bool
	Width, Room float64
}

// tableBoxesJS measures each figure table: its full width (scrollWidth,
// what it needs) and the room it has, its wrapper's width within the
// page's own width.
const tableBoxesJS = `(() => {
  const page = document.documentElement.clientWidth;
  return Array.from(document.querySelectorAll('table.figures')).map(t => {
    const wrap = t.parentElement;
    const box = wrap.getBoundingClientRect();
    const cap = t.querySelector('caption');
    return {Caption: cap && cap.firstChild ? cap.firstChild.textContent.trim() : '', Wide: !!t.closest('.wide'),
      Width: Math.max(t.scrollWidth, t.getBoundingClientRect().width),
      Room: Math.min(wrap.clientWidth, page - Math.max(0, box.left))};
  });
})()`

// chartsDrawnJS is true once every chart container holds an svg or canvas,
// or the page has no chart script at all (then the charts stay empty and
// are reported).
const chartsDrawnJS = `(() => {
  const boxes = Array.from(document.querySelectorAll('[data-chart]'));
  if (typeof echarts === 'undefined') return true;
  return boxes.every(el => el.querySelector('svg, canvas'));
})()`

// showTooltipsJS shows every chart's tooltip at every category, so that
// the tooltip markup ECharts writes from data is in the page when images
// are counted.
const showTooltipsJS = `(() => {
  if (typeof echarts === 'undefined') return 0;
  let shown = 0;
  document.querySelectorAll('[data-chart]').forEach(el => {
    const chart = echarts.getInstanceByDom(el);
    if (!chart) return;
    const option = chart.getOption();
    const axis = (option.xAxis && option.xAxis[0] && option.xAxis[0].data) || [];
    for (let i = 0; i < axis.length; i++) {
      chart.dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: i});
      shown++;
    }
    chart.dispatchAction({type: 'hideTip'});
  });
  return shown;
})()`

// pageStateJS collects the page's images, charts, fragment links and ids.
const pageStateJS = `(() => {
  const charts = Array.from(document.querySelectorAll('[data-chart]')).map(el => {
    const drawn = el.querySelector('svg, canvas');
    const box = drawn ? drawn.getBoundingClientRect() : {width: 0, height: 0};
    return {ID: el.id, Label: el.getAttribute('aria-label') || '', Width: box.width, Height: box.height};
  });
  const broken = [];
  document.querySelectorAll('a[href^="#"]').forEach(a => {
    const id = decodeURIComponent(a.getAttribute('href').slice(1));
    if (!document.getElementById(id)) broken.push(a.getAttribute('href'));
  });
  const seen = new Map();
  document.querySelectorAll('[id]').forEach(el => seen.set(el.id, (seen.get(el.id) || 0) + 1));
  const dups = [];
  seen.forEach((n, id) => { if (n > 1) dups.push(id); });
  return {images: document.querySelectorAll('img').length, charts, brokenAnchors: broken, duplicateIds: dups};
})()`

// axeRunJS runs axe-core over the page and keeps the moderate, serious and
// critical violations (only "minor" ones are let pass).
const axeRunJS = `axe.run(document, {resultTypes: ['violations']}).then(r =>
  r.violations
    .filter(v => v.impact === 'moderate' || v.impact === 'serious' || v.impact === 'critical')
    .map(v => ({ID: v.id, Impact: v.impact, Help: v.help,
      Targets: v.nodes.map(n => n.target.join(' '))})))`
