/// Why an `rrule` could not be read, naming the part at fault and what would be valid.
public enum RecurrenceRuleError: Error, Sendable, Hashable, CustomStringConvertible {
    case empty
    /// A part without `=` (`FREQ` alone, `BYDAY:FR`).
    case malformedPart(String)
    /// A part RFC 5545 does not define (`FREQUENCY=…`).
    case unknownPart(String)
    /// A part RFC 5545 defines but Freightline does not evaluate (`BYSETPOS`).
    case unsupportedPart(String)
    case duplicatePart(String)
    case missingFrequency
    /// `HOURLY`, `MINUTELY` or `SECONDLY`.
    case unsupportedFrequency(String)
    case invalidValue(part: String, value: String, expected: String)
    /// RFC 5545 forbids `COUNT` and `UNTIL` in one rule.
    case countWithUntil
    /// A `BYDAY` ordinal (`1MO`) under a frequency other than MONTHLY or YEARLY.
    case ordinalNotAllowed(value: String, frequency: RecurrenceRule.Frequency)
    /// A part RFC 5545 forbids for the frequency (`BYMONTHDAY` with WEEKLY).
    case partNotAllowed(part: String, frequency: RecurrenceRule.Frequency)

    public var description: String {
        let parts = RecurrenceRule.supportedParts.joined(separator: ", ")
        switch self {
        case .empty:
            return "is empty; expected a rule such as FREQ=WEEKLY;BYDAY=FR;BYHOUR=18"
        case .malformedPart(let part):
            return "part '\(part)' is not NAME=VALUE; expected parts such as FREQ=WEEKLY separated by ';'"
        case .unknownPart(let name):
            return "part '\(name)' is unknown; valid parts are \(parts)"
        case .unsupportedPart(let name):
            return "part '\(name)' is not supported; supported parts are \(parts)"
        case .duplicatePart(let name):
            return "part '\(name)' appears more than once"
        case .missingFrequency:
            return "has no FREQ part; expected FREQ=DAILY, WEEKLY, MONTHLY or YEARLY"
        case .unsupportedFrequency(let value):
            return "FREQ=\(value) is not supported; supported frequencies are DAILY, WEEKLY, MONTHLY and YEARLY"
        case .invalidValue(let part, let value, let expected):
            return "\(part)=\(value) is not valid; expected \(expected)"
        case .countWithUntil:
            return "has both COUNT and UNTIL; RFC 5545 allows only one of them"
        case .ordinalNotAllowed(let value, let frequency):
            return "BYDAY=\(value) has an ordinal, which FREQ=\(frequency.rawValue) does not allow; ordinals need FREQ=MONTHLY or YEARLY"
        case .partNotAllowed(let part, let frequency):
            return "part '\(part)' is not allowed with FREQ=\(frequency.rawValue)"
        }
    }
}
