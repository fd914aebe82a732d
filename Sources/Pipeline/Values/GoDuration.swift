/// A span of time with Go's `time.Duration` semantics: a signed count of nanoseconds.
///
/// Kargo writes durations (`requestedFreight[].sources.autoPromotionOptions`, verification
/// `interval`, soak times, …) as Go duration strings, so Freightline parses and prints them
/// exactly as Go does: `GoDuration(parsing:)` mirrors `time.ParseDuration`, `description`
/// mirrors `Duration.String()`.
public struct GoDuration: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The length in nanoseconds, as Go's `time.Duration` stores it.
    public var nanoseconds: Int64

    public init(nanoseconds: Int64) {
        self.nanoseconds = nanoseconds
    }

    public static let zero = GoDuration(nanoseconds: 0)
    public static let nanosecond = GoDuration(nanoseconds: 1)
    public static let microsecond = GoDuration(nanoseconds: 1_000)
    public static let millisecond = GoDuration(nanoseconds: 1_000_000)
    public static let second = GoDuration(nanoseconds: 1_000_000_000)
    public static let minute = GoDuration(nanoseconds: 60_000_000_000)
    public static let hour = GoDuration(nanoseconds: 3_600_000_000_000)

    /// The valid unit suffixes, in the order Go documents them.
    public static let validUnits: [String] = ["ns", "us", "µs", "μs", "ms", "s", "m", "h"]

    public static func < (lhs: GoDuration, rhs: GoDuration) -> Bool {
        lhs.nanoseconds < rhs.nanoseconds
    }

    /// The duration in seconds, computed as Go's `Duration.Seconds()` does.
    public var seconds: Double {
        let whole = nanoseconds / 1_000_000_000
        let fraction = nanoseconds % 1_000_000_000
        return Double(whole) + Double(fraction) / 1e9
    }

    /// Whether the duration is negative.
    public var isNegative: Bool { nanoseconds < 0 }
}

// MARK: - Parsing (time.ParseDuration)

/// Why a duration string was rejected. Every case but `.empty` carries the text as written.
public enum GoDurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text was empty.
    case empty
    /// A number had no unit after it (`"10"`, `"1h30"`); carries the whole duration text.
    case missingUnit(String)
    /// A number had a unit Go does not know (`"1d"`): the unit, and the whole duration text.
    case unknownUnit(String, duration: String)
    /// The text is not a duration at all (`"h"`, `"1.h"`-style junk, `"-"`, `" 1h"`); carries the text.
    case invalid(String)
    /// The value does not fit Go's `time.Duration` (about ±292 years); carries the text.
    case overflow(String)

    static let unitList = "ns, us, µs, ms, s, m, h"

    public var description: String {
        switch self {
        case .empty:
            return "empty duration; expected a number with a unit such as 30s, 5m or 1h30m "
                + "(valid units are \(Self.unitList))"
        case .missingUnit(let text):
            return "missing unit in duration \(EscapedText.doubleQuoted(text)); valid units are \(Self.unitList) (e.g. 1h30m)"
        case .unknownUnit(let unit, let text):
            return "unknown unit \(EscapedText.doubleQuoted(unit)) in duration \(EscapedText.doubleQuoted(text)); "
                + "valid units are \(Self.unitList) (e.g. 1h30m)"
        case .invalid(let text):
            return "invalid duration \(EscapedText.doubleQuoted(text)); expected an optional sign and numbers each "
                + "followed by a unit, such as 300ms, -1.5h or 2h45m"
        case .overflow(let text):
            return "duration \(EscapedText.doubleQuoted(text)) is out of range; the largest duration is "
                + "2562047h47m16.854775807s (about 292 years)"
        }
    }
}

extension GoDuration {
    /// Parses a Go duration string exactly as `time.ParseDuration` does: an optional sign, then
    /// one or more decimal numbers, each with an optional fraction and a unit suffix
    /// (`ns`, `us`, `µs`, `μs`, `ms`, `s`, `m`, `h`), such as `"300ms"`, `"-1.5h"` or `"2h45m"`.
    /// `"0"` alone (optionally signed) is zero. No whitespace is allowed anywhere.
    public init(parsing text: String) throws(GoDurationError) {
        let bytes = Array(text.utf8)
        if bytes.isEmpty { throw .empty }
        var index = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
            negative = bytes[0] == UInt8(ascii: "-")
            index = 1
        }
        // Special case: all that is left is "0".
        if bytes.count - index == 1 && bytes[index] == UInt8(ascii: "0") {
            self.init(nanoseconds: 0)
            return
        }
        if index == bytes.count { throw .invalid(text) }

        let limit: UInt64 = 1 << 63
        var total: UInt64 = 0
        while index < bytes.count {
            // The next character must be [0-9.].
            guard bytes[index] == UInt8(ascii: ".") || isDigit(bytes[index]) else {
                throw .invalid(text)
            }
            // Consume [0-9]*.
            var whole: UInt64 = 0
            let wholeStart = index
            while index < bytes.count, isDigit(bytes[index]) {
                if whole > limit / 10 { throw .overflow(text) }
                whole = whole * 10 + UInt64(bytes[index] - UInt8(ascii: "0"))
                if whole > limit { throw .overflow(text) }
                index += 1
            }
            let sawWhole = index != wholeStart

            // Consume (\.[0-9]*)?.
            var fraction: UInt64 = 0
            var scale: Double = 1
            var sawFraction = false
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                let fractionStart = index
                var fractionOverflowed = false
                while index < bytes.count, isDigit(bytes[index]) {
                    defer { index += 1 }
                    if fractionOverflowed { continue }
                    if fraction > (limit - 1) / 10 {
                        fractionOverflowed = true
                        continue
                    }
                    let next = fraction * 10 + UInt64(bytes[index] - UInt8(ascii: "0"))
                    if next > limit {
                        fractionOverflowed = true
                        continue
                    }
                    fraction = next
                    scale *= 10
                }
                sawFraction = index != fractionStart
            }
            // No digits at all (".s", "-.s").
            if !sawWhole && !sawFraction { throw .invalid(text) }

            // Consume the unit: everything up to the next '.' or digit.
            let unitStart = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "."), !isDigit(bytes[index]) {
                index += 1
            }
            if index == unitStart { throw .missingUnit(text) }
            let unitText = String(decoding: bytes[unitStart..<index], as: UTF8.self)
            guard let unit = Self.unitNanoseconds(unitText) else {
                throw .unknownUnit(unitText, duration: text)
            }
            if whole > limit / unit { throw .overflow(text) }
            var value = whole * unit
            if fraction > 0 {
                // Go uses float64 here to stay nanosecond-accurate for fractions of hours.
                value += UInt64(Double(fraction) * (Double(unit) / scale))
                if value > limit { throw .overflow(text) }
            }
            total += value
            if total > limit { throw .overflow(text) }
        }
        if negative {
            self.init(nanoseconds: total == limit ? Int64.min : -Int64(total))
        } else {
            if total > limit - 1 { throw .overflow(text) }
            self.init(nanoseconds: Int64(total))
        }
    }

    private static func unitNanoseconds(_ unit: String) -> UInt64? {
        switch unit {
        case "ns": 1
        case "us", "\u{00B5}s", "\u{03BC}s": 1_000
        case "ms": 1_000_000
        case "s": 1_000_000_000
        case "m": 60_000_000_000
        case "h": 3_600_000_000_000
        default: nil
        }
    }
}

// MARK: - Formatting (Duration.String())

extension GoDuration {
    /// The duration formatted as Go's `Duration.String()` does: `"1h30m0s"`, `"41m0s"`,
    /// `"1.5s"`, `"300ms"`, `"1.5µs"`, `"0s"`, `"-2h45m0s"`. Parsing it gives back the same value.
    public var description: String {
        let negative = nanoseconds < 0
        var magnitude = nanoseconds.magnitude
        var text: String
        if magnitude < 1_000_000_000 {
            // Below a second Go switches to the largest sub-second unit: 1.2ms, 300µs, 5ns.
            let unit: String
            let precision: Int
            if magnitude == 0 {
                return "0s"
            } else if magnitude < 1_000 {
                unit = "ns"
                precision = 0
            } else if magnitude < 1_000_000 {
                unit = "\u{00B5}s"
                precision = 3
            } else {
                unit = "ms"
                precision = 6
            }
            let fraction = Self.fractionDigits(&magnitude, precision: precision)
            text = String(magnitude) + fraction + unit
        } else {
            let fraction = Self.fractionDigits(&magnitude, precision: 9)
            // magnitude is now whole seconds.
            text = String(magnitude % 60) + fraction + "s"
            magnitude /= 60
            if magnitude > 0 {
                text = String(magnitude % 60) + "m" + text
                magnitude /= 60
                // Stop at hours: days differ in length.
                if magnitude > 0 {
                    text = String(magnitude) + "h" + text
                }
            }
        }
        return negative ? "-" + text : text
    }

    /// Go's `fmtFrac`: formats `value / 10^precision`'s fractional digits (".12345"), trailing
    /// zeros and the point omitted when zero, and leaves the integer part in `value`.
    private static func fractionDigits(_ value: inout UInt64, precision: Int) -> String {
        var digits: [UInt8] = []
        var printing = false
        for _ in 0..<precision {
            let digit = UInt8(value % 10)
            printing = printing || digit != 0
            if printing { digits.append(UInt8(ascii: "0") + digit) }
            value /= 10
        }
        guard printing else { return "" }
        digits.append(UInt8(ascii: "."))
        return String(decoding: digits.reversed(), as: UTF8.self)
    }

    /// The duration for people: the non-zero parts among days, hours, minutes and seconds,
    /// separated by spaces — `"1h 30m"`, `"41m"`, `"45s"`, `"2d 3h"`, `"1m 1.5s"`. Durations under a
    /// second use Go's form (`"300ms"`); zero is `"0s"`; negative durations start with `-`.
    public var humanized: String {
        let negative = nanoseconds < 0
        let magnitude = nanoseconds.magnitude
        if magnitude < 1_000_000_000 {
            return GoDuration(nanoseconds: nanoseconds).description
        }
        let second: UInt64 = 1_000_000_000
        var wholeSeconds = magnitude / second
        var subSecond = magnitude % second
        let days = wholeSeconds / 86_400
        wholeSeconds %= 86_400
        let hours = wholeSeconds / 3_600
        wholeSeconds %= 3_600
        let minutes = wholeSeconds / 60
        let seconds = wholeSeconds % 60

        var parts: [String] = []
        if days > 0 { parts.append("\(days)d") }
        if hours > 0 { parts.append("\(hours)h") }
        if minutes > 0 { parts.append("\(minutes)m") }
        if seconds > 0 || subSecond > 0 {
            let fraction = Self.fractionDigits(&subSecond, precision: 9)
            parts.append("\(seconds)\(fraction)s")
        }
        let text = parts.joined(separator: " ")
        return negative ? "-" + text : text
    }
}

@inline(__always)
private func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
}
