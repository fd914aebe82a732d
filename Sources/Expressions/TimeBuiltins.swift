import Pipeline

/// expr-lang's `date()` and `duration()`, as Warehouse filters use them
/// (`commitDate.After(date('2025-01-01'))`, `now() - creatorDate < duration('720h')`).
enum TimeBuiltins {
    /// What `date(text)` tries, in expr-lang's order: date, clock, date and clock, then
    /// Go's `RFC3339`, `RFC822`, `RFC850` and `RFC1123`. Text without a zone is UTC.
    static let defaultLayouts = [
        "2006-01-02", "15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04:05Z07:00",
        "02 Jan 06 15:04 MST", "Monday, 02-Jan-06 15:04:05 MST", "Mon, 02 Jan 2006 15:04:05 MST",
    ].map(GoTimeLayout.init)

    static func call(_ name: String, _ arguments: Arguments) throws(ExpressionRuntimeError) -> ExpressionValue? {
        switch name {
        case "date":
            try arguments.expect(1...3)
            let text = try arguments.string(0)
            guard arguments.count > 1 else {
                for layout in defaultLayouts {
                    if let parsed = try? layout.parse(text) { return .time(parsed.instant, utcOffset: parsed.utcOffset) }
                }
                throw ExpressionRuntimeError("invalid date \(text)")
            }
            let layout = GoTimeLayout(try arguments.string(1))
            let offset = arguments.count == 3 ? try zoneOffset(try arguments.string(2)) : 0
            do {
                let parsed = try layout.parse(text, defaultOffset: offset)
                return .time(parsed.instant, utcOffset: parsed.utcOffset)
            } catch {
                throw ExpressionRuntimeError("date(): \(error)")
            }
        case "duration":
            try arguments.expect(1)
            let text = try arguments.string(0)
            do {
                return .object(.duration(try GoDuration(parsing: text)))
            } catch {
                throw ExpressionRuntimeError("duration(): \(error)")
            }
        default:
            return nil
        }
    }

    /// The third argument of `date()`. Only UTC is known here (and `Local`, which is UTC where
    /// Kargo's controller runs): Freightline carries no time zone database, and a named
    /// zone's offset depends on the date.
    private static func zoneOffset(_ name: String) throws(ExpressionRuntimeError) -> Int {
        switch name {
        case "", "UTC", "Etc/UTC", "Local": return 0
        default:
            throw ExpressionRuntimeError(
                "date(): unknown time zone \(name) (Freightline knows UTC only; write the offset in the text, "
                    + "e.g. date('2025-01-01T00:00:00+02:00'))")
        }
    }
}
