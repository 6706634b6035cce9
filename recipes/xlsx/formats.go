package xlsx

// isDateFormat reports whether a number format shows a date or a time:
// one of Excel's built-in date formats (14 to 22, 27 to 36, 45 to 47,
// 50 to 58 and 71 to 81, the last ones for East Asian locales), or a
// custom format code with a day, month, year, hour or second in it outside
// quoted text, escapes and [colour] or [$-locale] brackets. "mm" alone
// is a month here, as Excel reads it without an hour before it.
func isDateFormat(builtin int, custom *string) bool {
	if custom == nil {
		switch {
		case builtin >= 14 && builtin <= 22, builtin >= 27 && builtin <= 36,
			builtin >= 45 && builtin <= 47, builtin >= 50 && builtin <= 58, builtin >= 71 && builtin <= 81:
			return true
		}
		return false
	}
	code := *custom
	for i := 0; i < len(code); i++ {
		switch c := code[i]; c {
		case '"':
			for i++; i < len(code) && code[i] != '"'; i++ {
			}
		case '\\', '_', '*':
			i++ // the next character is shown as it is
		case '[':
			j := i + 1
			for j < len(code) && code[j] != ']' {
				j++
			}
			// [h], [mm] and [ss] are elapsed time; other brackets are
			// colours, conditions and locales.
			if elapsed(code[i+1 : min(j, len(code))]) {
				return true
			}
			i = j
		case 'd', 'D', 'm', 'M', 'y', 'Y', 'h', 'H', 's', 'S', 'e', 'E':
			if (c == 'e' || c == 'E') && i+1 < len(code) && (code[i+1] == '+' || code[i+1] == '-') {
				continue // scientific notation: 0.00E+00
			}
			return true
		case 'G', 'g':
			if len(code)-i >= 7 && (code[i:i+7] == "General" || code[i:i+7] == "general") {
				i += 6
			}
		}
	}
	return false
}

// elapsed reports a bracket of elapsed time: [h], [mm], [ss] and the like.
func elapsed(inner string) bool {
	if inner == "" {
		return false
	}
	for i := 0; i < len(inner); i++ {
		if c := inner[i] | 0x20; c != inner[0]|0x20 || (c != 'h' && c != 'm' && c != 's') {
			return false
		}
	}
	return true
}
