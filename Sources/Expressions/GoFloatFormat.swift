/// Go's float printing, which templates must reproduce: `json.Marshal` (used when an
/// expression result is rendered into mixed text) and `fmt`'s `%v` (used by `string()`).
/// Both print the shortest digits that round-trip, which Swift's `description` also
/// finds; only the layout differs.
enum GoFloatFormat {
    /// `json.Marshal(float64)`: plain notation for 1e-6 ≤ |x| < 1e21, else exponent form
    /// with at least one exponent digit (`1e+21`, `1e-7`). NaN and ±Inf have no JSON form.
    static func json(_ value: Double) -> String? {
        guard value.isFinite else { return nil }
        let magnitude = value.magnitude
        if magnitude != 0, magnitude < 1e-6 || magnitude >= 1e21 {
            return exponent(value, minimumExponentDigits: 1)
        }
        return plain(value)
    }

    /// `fmt.Sprint(float64)` (`%v`, i.e. `%g` with shortest precision and exponent
    /// threshold 21): `1e+21`, `1e-05`, `0.0001`, `+Inf`, `NaN`.
    static func verbV(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        if value == 0 { return value.sign == .minus ? "-0" : "0" }
        let (_, _, point) = decompose(value)
        let exponent = point - 1
        if exponent < -4 || exponent >= 21 {
            return Self.exponent(value, minimumExponentDigits: 2)
        }
        return plain(value)
    }

    /// Sign, shortest decimal digits, and the decimal point position: value = 0.DIGITS × 10^point.
    static func decompose(_ value: Double) -> (negative: Bool, digits: [UInt8], point: Int) {
        let text = value.magnitude.description
        var mantissa = Substring(text)
        var exponent = 0
        if let marker = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<marker]
            exponent = Int(text[text.index(after: marker)...]) ?? 0
        }
        var digits: [UInt8] = []
        var point = 0
        var seenPoint = false
        for character in mantissa {
            if character == "." {
                seenPoint = true
                continue
            }
            guard let digit = character.wholeNumberValue else { continue }
            digits.append(UInt8(digit))
            if !seenPoint { point += 1 }
        }
        // Trim leading zeros (0.001 → digits 1, point -2) and trailing zeros.
        while let first = digits.first, first == 0, digits.count > 1 {
            digits.removeFirst()
            point -= 1
        }
        while let last = digits.last, last == 0, digits.count > 1 { digits.removeLast() }
        if digits == [0] { point = 1 }
        return (value.sign == .minus, digits, point + exponent)
    }

    static func plain(_ value: Double) -> String {
        let (negative, digits, point) = decompose(value)
        var out = negative && value != 0 ? "-" : ""
        if digits == [0] { return out + "0" }
        if point <= 0 {
            out += "0." + String(repeating: "0", count: -point) + digits.map(String.init).joined()
        } else if point >= digits.count {
            out += digits.map(String.init).joined() + String(repeating: "0", count: point - digits.count)
        } else {
            out += digits[..<point].map(String.init).joined() + "." + digits[point...].map(String.init).joined()
        }
        return out
    }

    private static func exponent(_ value: Double, minimumExponentDigits: Int) -> String {
        let (negative, digits, point) = decompose(value)
        var out = negative ? "-" : ""
        out += String(digits[0])
        if digits.count > 1 { out += "." + digits[1...].map(String.init).joined() }
        let exponent = point - 1
        var exponentText = String(exponent.magnitude)
        while exponentText.count < minimumExponentDigits { exponentText = "0" + exponentText }
        return out + "e" + (exponent < 0 ? "-" : "+") + exponentText
    }
}
