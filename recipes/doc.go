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
// Every fault is an *Error placed at file:line:column with the path of the
// key it concerns, and Check reports all of them at once, sorted by line:
//
//	monthly.yaml:31:16: sections[0].group_by: unknown column "statsu"; did you mean "status"?
//	monthly.yaml:34:14: sections[0].measures.total: unknown aggregate "summ"; did you mean "sum"?
//
// A fault in an extract is a *csvx.ParseError placed at the extract's
// file:line:column, naming the column.
//
// # The format (recipe format v1, with extensions)
//
//	title: Handicapområdet — månedsrapport          # cover and page headers
//	subtitle: Voksne, serviceloven §§ 85, 107 og 108  # optional
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
//	    delimiter: ";"          # , ; \t |; sniffed from the header line when absent
//	    decimal: ","            # "." by default; "," when locale is da and delimiter is ";"
//	    encoding: windows-1252  # utf-8 (a BOM is skipped) | windows-1252 | iso-8859-1; sniffed when absent
//	    header_line: 1          # extension: the header's line, to skip a report preamble
//	    columns:                # only these are read, in this order
//	      case_id: string
//	      citizen_id: {from: "CPR-løbenr", type: string}   # from = the header text
//	      cost_per_day: number
//	      start: {type: date, layout: "02-01-2006"}        # Go layout; ISO 8601 by default
//	    on_error: reject        # reject (default) | skip: bad rows are left out and counted
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
//	    labels: {cost_per_day: "Døgnpris i alt (kr.)"}   # extension: column headings
//	    decimals: {avg_cost: 0}                          # extension: decimals shown
//	    reservations: [prices, "§ 107 omfatter to midlertidige anbringelser."]
//
//	  - id: unbilled
//	    title: Betalinger uden bevilling
//	    reconcile: {left: grants, right: payments, on: case_id}
//	    reservations: [prices]
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
// # Reservations
//
// Every section names at least one reservation: the id of a pack-wide one,
// or a text of its own (quote a one-word text, or it is taken for an id).
// Automatic reservations come on top and cannot be switched off: rows left
// out by where, rows skipped as bad (named by file:line:column and column,
// never by their value), rows after a table's end (end_before), a
// workbook's hidden rows, empty values left out of an aggregate,
// rows of a join without a partner, and cells withheld by disclosure control.
//
// # Disclosure control
//
// For audience council, a row whose figures describe fewer than min_count
// distinct subjects has all its figure cells withheld: nil in pack.json,
// listed in the section's suppressed cells, and shown as "<5". When a total
// is shown, further rows are withheld, the smallest first, until the
// withheld rows are at least two and together describe at least min_count
// subjects; if every row is withheld, so is the total. A section with a
// count of rows (count()) is treated so with or without a total row: its
// steps count the rows it kept, which is that column's total, and for the
// same reason `disclosure: {secondary: total}` withholds rows there too. A
// reconcile is always treated so: its steps count each side's rows. The subject column
// may come from the section's source, through a join, or from either side of
// a reconcile. A council section without one must say
//
//	disclosure: {exempt: "Budgettal beskriver ingen personer."}
//
// and the reason becomes one of its reservations.
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
// adds budget, year_share, forecast (spent ÷ share of the year elapsed),
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
