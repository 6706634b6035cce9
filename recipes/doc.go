// Package recipes reads, checks and runs mipack recipes: YAML files that say
// where the raw extracts are, how their rows are read, filtered, joined and
// aggregated, and which tables, charts and reservations a management pack shows.
//
// A recipe goes through three steps:
//
//	r, err := recipes.Load("monthly.yaml")              // YAML with positions
//	plan, err := recipes.Check(r, recipes.Options{})     // every fault at once
//	p, err := plan.Run(ctx, recipes.RunOptions{...})     // *pack.Pack
//
// The recipe's types (the YAML contract), Load, Check (check.go, and one
// check*.go file per kind of check) and the recipe's JSON Schema live here.
// Plan.Run is package recipes/internal/engine's, and Error and its
// sentinels package recipes/internal/fault's; this package re-exports
// every name a caller needs (api.go), so callers import recipes alone.
//
// Every fault is an *Error placed at file:line:column with the path of the
// key it concerns, and Check reports all of them at once, sorted by line:
//
//	monthly.yaml:31:16: sections[0].group_by: unknown column "statsu"; did you mean "status"?
//	monthly.yaml:34:14: sections[0].measures.total: unknown aggregate "summ"; did you mean "sum"?
//
// Only root causes are reported. A misspelt key counts as the key it is
// closest to, given but unreadable: `grup_by: [section]` gives one error,
// not also "label for unknown column" for every key that names the group
// column. A name whose definition is at fault (a measure of an unknown
// column, a column of an unknown type) still names something, so what
// reads it reports nothing more; a source that fails is not also unknown
// to its sections. Expression faults are said in the author's words:
//
//	monthly.yaml:42:25: sections[1].where: `>=` compares a date with a text (in `start >= "2026-10-01"`). Try: compare it with a date, e.g. date("2026-10-01") or period.start
//
// A fault in an extract is a *csvx.ParseError placed at the extract's
// file:line:column, naming the column.
//
// # The format (recipe format v1, with extensions)
//
//	title: Handicapområdet — månedsrapport          # cover and page headers
//	subtitle: Voksne, serviceloven §§ 85, 107 og 108  # optional
//	organisation: Kommune K, Social og Sundhed       # v1.1, optional: cover and page headers
//	committee: Social- og Sundhedsudvalget           # v1.1, optional: cover, who the pack is for
//	meeting: 2026-11-12        # v1.1, optional: cover, the meeting it is prepared for (YYYY-MM-DD)
//	owner: Anne Andersen <aa@kommune-k.dk>           # v1.1, optional: who answers for the recipe; cover and provenance
//	approval: required         # v1.1, optional: see "Four eyes" below
//	period: 2026-10            # YYYY-MM; --period on the command line overrides it
//	locale: da                 # da | en (default en): numbers, dates, fixed labels
//	audience: council          # council | internal (default); council switches disclosure control on
//	disclosure:                # optional; defaults shown
//	  min_count: 5             # a cell describing fewer distinct subjects is withheld
//	  subject: citizen_id      # the column that identifies a person
//
//	sources:
//	  grants:
//	    file: extracts/grants.csv       # relative to the recipe file
//	    label: bevillinger      # the source in a reader's words; default: the file's name without extension
//	    delimiter: ";"          # , ; \t |; sniffed from the header line when absent
//	    decimal: ","            # "." by default; "," when locale is da and delimiter is ";"
//	    encoding: windows-1252  # utf-8 (a BOM is skipped) | windows-1252 | iso-8859-1; sniffed when absent
//	    header_line: 1          # extension: the header's line, to skip a report preamble
//	    columns:                # only these are read, in this order
//	      case_id: string
//	      citizen_id: {from: "CPR-løbenr", type: string}   # from = the header text
//	      cost_per_day: {type: number, label: Døgnpris}   # label: the column in a reader's words (default: from)
//	      start: {type: date, layout: "02-01-2006"}        # Go layout; ISO 8601 by default
//	    on_error: reject        # reject (default) | skip: bad rows are left out and counted
//	    reservations: [status, "Døgnpriser tastes af sagsbehandlerne."]  # v1.1: follow the data
//	  budget:
//	    file: extracts/bevillinger.xlsx   # .xlsx (and .xlsm) is read as a workbook, streamed row by row
//	    sheet: Bevillinger      # default: the first sheet in workbook order
//	    header_line: 3          # the header's row
//	    end_before: konto == "I alt"      # the first row where this holds, and all after it, are not data
//	    null: ["", "-", "n/a"]  # cell texts read as empty; default [""]
//	    columns:
//	      konto: {from: Konto, type: string}               # "04017" stays text, leading zero kept
//	      start: {from: Startdato, type: date, layout: ["02-01-2006", "02-Jan-06"]}  # tried in turn
//	      amount: {from: Beløb, type: number}
//
//	reservations:               # pack-wide, shown in front and footnoted where named
//	  - id: prices
//	    text: Døgnpriser indtastes af sagsbehandlerne og er ikke afstemt med fakturaer.
//
//	sections:
//	  - id: overview            # stable: anchors, pack.json, diffs
//	    title: Aktive bevillinger efter paragraf
//	    from: grants
//	    join:                   # optional, before where
//	      - {source: payments, on: case_id, type: left}   # inner (default) | left
//	    where: status == "active" && start <= period.end && (end == nil || end >= period.start)
//	    where_text: bevillinger, der er aktive i perioden  # optional: the filter in a reader's words
//	    derive:                 # per-row columns, in order
//	      month: month(start)
//	    group_by: [section]
//	    measures:               # NAME: aggregate(column)
//	      citizens: count_distinct(citizen_id)
//	      cost_per_day: sum(cost_per_day)
//	      grants: count()
//	    compute:                # expressions over the measures, per row and for the total
//	      avg_cost: cost_per_day / citizens
//	    order_by: [-cost_per_day]   # "-" sorts descending; ties by the group columns
//	    total: true             # computed from all rows, never from shown cells
//	    chart: {type: bar, x: section, y: cost_per_day}  # bar | stacked_bar | line; y may be a list; series: column
//	    labels: {cost_per_day: "Døgnpris i alt (kr.)"}   # extension: column headings (defaults below)
//	    decimals: {avg_cost: 0}                          # extension: decimals shown
//	    reservations: [prices, "§ 107 omfatter to midlertidige anbringelser."]
//
//	  - id: unbilled
//	    title: Betalinger uden bevilling
//	    reconcile: {left: grants, right: payments, on: case_id}
//	    # subject: {left: citizen_id, right: cpr}   # where a side names the person otherwise
//	    reservations: [prices]
//
// # What a reader reads
//
// A pack never shows the recipe's own names or its expressions: they are
// for the author. A column is headed by its label (the section's labels,
// else the column's own label on the source, else the extract's header,
// from:); a measure without a label by one made from its aggregate:
// count() "Antal" (en "Count"), count_distinct of the disclosure subject
// "Antal borgere" ("Number of citizens"), of another column "Antal
// forskellige <column>", sum "<column>, i alt" ("<column>, total"), mean
// "<column>, gennemsnit" ("<column>, mean"). A source is named by its
// label ("Kun i bevillinger"). A filter is said by where_text, else in
// words with the columns' labels: `status == "Aktiv" && (end == nil ||
// end >= period.start)` reads `Status er "Aktiv" og (Slutdato er tom eller
// Slutdato tidligst periodens start)`; derive, compute and alert
// expressions are said the same way. A derived or computed column without
// a label is headed by its name, and validate warns about it.
//
// Texts in tables, charts and legends are ordered as a reader expects:
// numbers inside a text compare as numbers, so "§ 85" comes before
// "§ 103".
//
// # Values
//
// Types are string, number (the source's decimal separator; thousands
// separators in 3-digit groups are tolerated), integer, date and bool. An
// empty cell is nil for every type. A value that does not parse is a bad row:
// the run stops naming file:line:column, or with on_error: skip the row is
// left out and counted in an automatic reservation.
//
// # Expressions
//
// where, derive and compute are expressions in the expr language
// (github.com/expr-lang/expr), compiled once per recipe and type-checked
// against the columns. They see the row's columns (a joined source's columns
// also as source.column), nil, and period:
//
//	period.start, period.end        the month's first and last day
//	period.days                     days in the month (31 for October)
//	period.year_start, .year_end    1 January and 31 December of the period's year
//	period.year_days                365 or 366
//	period.year_elapsed_days        1 January to the period's end, both included (304 for October 2026)
//	period.year, period.month       numbers; period.name is "2026-10"
//
// Functions beside expr's own:
//
//	month(d)              "2026-10"
//	year(d)               2026
//	quarter(d)            "2026-Q4"
//	days(from, to)        calendar days, both included: days(1 Oct, 31 Oct) = 31
//	overlap_days(s, e)    days of [s, e] inside the period (nil e: open-ended)
//	days_left(s, e)       days of [s, e] after the period, up to 31 December
//	year_days(s, e)       days of [s, e] from 1 January to the period's end
//	clamp(d, lo, hi)      d moved into [lo, hi]; nil d gives hi
//
// An expression that fails on a row because a value it reads is nil gives
// nil, as NULL does in SQL: a where is then false (the row is left out and
// counted), a derived value empty. Any other runtime fault stops the run,
// placed at the expression in the recipe and naming the extract's row.
//
// # Workbooks and messy cells
//
// In a workbook a cell that holds an Excel date is a date whatever its
// layout (in the workbook's 1900 or 1904 date system); a number cell is
// the number Excel stores, a formula cell its cached result (a formula
// never calculated is a bad row); a text cell stays text, and a text amount
// is read with decimal ("," by default when the locale is da). Faults are
// placed as Excel names the cell: bevillinger.xlsx:Bevillinger!G17. .xls,
// .xlsb, encrypted and damaged workbooks are refused with a clear error.
// null, layout lists and end_before work alike for CSV files and
// workbooks; `mipack validate` reads every extract to its end and lists
// every bad row, up to 50 a source.
//
// # Aggregates
//
// count() counts rows; count(c) non-empty values; count_distinct(c),
// sum(c), mean(c), median(c), min(c) and max(c) leave empty values out and
// count them in an automatic reservation. A sum of only empty values is
// empty (nil), never 0. Sums are exact to the decimals the extract wrote,
// and sums of a derived number to the decimals its inputs give it (the
// most of them for + - and either side of ?:, both added for *);
// means, medians and computed values are rounded to the decimals shown
// (2 by default), half away from zero.
//
// # Text sections with live figures (format v1.1)
//
//	sections:
//	  - id: summary
//	    title: Resumé
//	    text: |
//	      De aktive bevillinger koster i alt **{overview.total.cost_per_day} kr.**
//	      i døgnet for {overview.total.citizens} borgere.
//
//	      § 107 tegner sig for {overview["§ 107"].cost_per_day} kr.
//
// A text section quotes figures of other sections: {SECTION.total.MEASURE}
// is a section's total (for a section without group_by, its one row),
// {SECTION["VALUE"].MEASURE} the row whose group value is VALUE, and
// {SECTION["V1", "V2"].MEASURE} one of a section grouped by two columns.
// MEASURE is any figure column of the table: a measure, a computed column,
// or one a compare or budget adds. Each figure is formatted exactly as its
// table formats that cell (locale, decimals) and carries the marks of its
// section's footnotes that qualify the whole section or that column, so its
// reservations (a source's among them) stay with it in prose: in HTML each
// mark links to its footnote, in PDF the footnotes stand at the foot of the
// page too, and pack.json holds each figure's reference, its place in its
// section, its raw value and the footnotes it carries. A figure its table
// withholds (disclosure control) shows the withheld mark and is null in
// pack.json; the number never reaches the text. A row the period does not
// have shows "–", with an automatic footnote saying so.
//
// Paragraphs are separated by blank lines; **bold** is the only markup, and
// {{ and }} write a brace. Nothing passes as HTML. Check places every fault
// at its line and column inside the text:
//
//	monthly.yaml:64:48: sections[0].text: section "overview" has no measure "citizen"; did you mean "citizens"?
//
// A text section takes only id, title, text and reservations, and reads no
// source. It needs no reservation of its own: each of its figures carries
// those of its section, and every table section names at least one, so no
// figure in a pack is without a written reservation. It may name its own.
//
// # Reservations
//
// Every section names at least one reservation: the id of a pack-wide one,
// or a text of its own (quote a one-word text, or it is taken for an id); a
// text section is the exception above.
// Automatic reservations come on top and cannot be switched off: rows left
// out by where, rows skipped as bad (named by file:line:column and column,
// never by their value), rows after a table's end (end_before), a
// workbook's hidden rows, empty values left out of an aggregate,
// rows of a join without a partner, and cells withheld by disclosure control.
//
// A source's reservations (sources.NAME.reservations, format v1.1) are
// written once, beside the extract, and follow the data: every section
// that reads the source carries them, whether it reads it through from, a
// join, either side of a reconcile, a budget or its committed grants, or
// again for the period it compares with. A reservation a section names
// itself as well is shown once. In pack.json such a footnote lists, under
// "inherited", each source it comes from and how the section reads it;
// `mipack explain` says so under the footnote, and `mipack diff` reports
// an inherited reservation that appears or disappears.
//
// # Disclosure control
//
// For audience council, every number the pack publishes is published:
// cells, totals, the period compared with, budget forecasts (their
// committed grants included), reconcile classes, the row counts of steps
// and notes, each extract's rows read. Package recipes/disclosure decides
// for all of them together:
//
//   - Primary rules. A row is withheld for its own sake when it describes
//     fewer than min_count distinct subjects (in any period it shows), when
//     a sum in it has fewer than min_count contributing subjects (those with
//     a value), or when its n largest subjects make up more than k per cent
//     of a sum (the dominance rule; `disclosure: {dominance: {n: 2, k: 85}}`
//     by default). min(), max() and median() publish one person's own value
//     whatever the group's size, so a council recipe that asks for them is
//     refused by validate, with the fix.
//   - The audit. Every published sum is a sum over atoms: the rows that all
//     sections reading an extract treat alike. For every withheld figure the
//     audit computes, by linear programming, the range a reader can derive
//     from every other published figure (rows add up to totals, one
//     section's cell to another's rows, counts and amounts without credit
//     notes are not negative). Where that range reaches less than the
//     protection level (`disclosure: {protection: 10}`, per cent of the
//     figure) below or above it, more is withheld: the rows describing the
//     fewest subjects first, then totals (first, with `disclosure:
//     {secondary: total}` on the section), then the row counts of the
//     section's steps. Withheld figures a reader can add up (a total minus
//     the shown rows) must together describe at least min_count subjects.
//     A pack nothing more can protect is refused, naming the section and
//     row, never a value.
//   - Differences. Two shown figures, the rows of one among the other's (a
//     total and the same total under a filter, rows read and rows kept),
//     publish their difference; where it describes one to min_count − 1
//     subjects it is protected as a small row is, so one of them goes. A
//     row with two sums publishes their difference too, and is withheld
//     where fewer than min_count subjects have a row whose two values
//     differ. A sum of a column times a constant (an alert's
//     cost_per_day * 365), a share of a column (amount < 1000 ? amount :
//     nil) and count(col) are tied to the column's other figures; two
//     counts of persons over nested rows that differ by fewer than
//     min_count send one row away. Only the minimum count applies to a
//     difference.
//   - Every withheld cell is nil in pack.json, listed in the section's
//     suppressed cells, and shows one neutral mark, x, in every output; a
//     note per section explains it. Where a section is ordered by a figure,
//     withheld rows follow the shown ones in the order of their group
//     values, so that a place gives no value away.
//   - A revised pack (an earlier pack for the same recipe and period) keeps
//     withheld every row the pack it replaces withheld.
//
// What this cannot remove: two packs made independently (two months, two
// versions of a recipe) can be set side by side, and a difference between
// them can describe few persons. docs/limits.md says more.
//
// The subject column may come from the section's source, through a join,
// or from either side of a reconcile. A council section without one must say
//
//	disclosure: {exempt: "Budgettal beskriver ingen personer."}
//
// and the reason becomes one of its reservations. A section whose rows
// carry the subject column cannot be exempt: its figures, outside
// disclosure control, set against another section's shown rows, could give
// a withheld one away. Figures are tied together within one source, so no
// two sources of a council recipe may read one extract (the same file, or
// a workbook's same sheet): read it once and pick rows with where:.
//
// # Four eyes
//
// With `approval: required`, `mipack render` of a council pack refuses
// (exit status 1, saying what is missing, with a "Try:" line) unless the
// recipe file is committed, unchanged in the working tree, and the last
// commit that changed it, or a later merge commit that merged it, carries
// a trailer
//
//	Reviewed-by: Bo Berg <bb@kommune-k.dk>
//
// naming someone other than that change's author (neither the same
// address nor the same name). Internal packs, `serve` and `diff` are never
// blocked. Whether approval is required or not, the provenance records the
// recipe's last change (author, date, commit) and its reviewer whenever git
// knows them, and the cover and appendix say "ændret af Anne Andersen den
// 03.11.2026, godkendt af Bo Berg" (en: "changed by … on …, approved by …"),
// or plainly that the recipe is not approved.
//
// # Extensions: compare, budget, alert
//
//	compare: previous_period      # or same_period_last_year: adds m_prev, m_change, m_change_pct per measure
//
//	budget:                       # spending against the annual budget
//	  source: budget              # a source with the budget lines
//	  on: [section]               # every group_by column, named alike in the budget source
//	  value: budget_2026          # the budget column
//	  spent: spent                # the measure with spending so far (default: the first sum)
//	  threshold: 5%               # flag a row whose forecast exceeds its budget by more
//	  committed:                  # optional: forecast from the grants that bind
//	    source: grants
//	    where: status == "Aktiv"
//	    cost_per_day: cost_per_day   # column names; these are the defaults
//	    start: start
//	    end: end
//
// adds budget, spent_share (spent ÷ budget), forecast (spent ÷ share of the
// year elapsed; that share is said once, in the budget's note),
// forecast_committed (spent + cost per day × days left in the year),
// variance (budget − forecast; the committed one when given) and over_budget.
// Budget lines with no spending get a row; rows with no budget line keep an
// empty budget and are named in a reservation, never shown as 0.
//
//	alert: {value: cost_per_day * 365, threshold: 1000000, show: [case_id, section]}
//
// lists single rows whose value exceeds the threshold, largest first, for an
// internal pack; for a council it counts them and sums their value per
// group_by group, under disclosure control, and shows no identifying column.
package recipes
