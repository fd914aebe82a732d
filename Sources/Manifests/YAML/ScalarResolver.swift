/// Resolves plain (unquoted) YAML scalars to typed values with the YAML 1.1 rules that
/// Kubernetes tooling (go-yaml v2 under sigs.k8s.io/yaml) applies, so a value means here
/// what it means to `kubectl apply` and to Kargo. Hand-written rather than regex-based
/// because it runs on every scalar of every file.
enum ScalarResolver {
    static func resolve(plain text: String) -> YAMLNode.Value {
        guard let first = text.utf8.first else { return .null }
        // Most plain scalars are names: a first letter outside the few that start a null,
        // boolean or number word is text at once.
        switch first {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
            switch first | 0x20 {
            case UInt8(ascii: "y"), UInt8(ascii: "n"), UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "o"): break
            default: return .string(text)
            }
        default: break
        }
        switch text {
        case "~", "null", "Null", "NULL": return .null
        case "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON": return .bool(true)
        case "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .double(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .double(-.infinity)
        case ".nan", ".NaN", ".NAN": return .double(.nan)
        default: break
        }
        // Only text that starts like a number can be one.
        let startsNumeric = (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9"))
            || first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".")
        guard startsNumeric else { return .string(text) }
        // Hashes and versions (`0b5487df…`, `1.2.3`) are text: reject by their characters.
        let bytes = Array(text.utf8)
        let signed = bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+")
        let radixIndex = signed ? 2 : 1
        let hex = bytes.count > radixIndex && bytes[radixIndex - 1] == UInt8(ascii: "0") && bytes[radixIndex] == UInt8(ascii: "x")
        var dots = 0
        for (index, byte) in bytes.enumerated() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
                continue
            case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "e"), UInt8(ascii: "E"):
                continue
            case UInt8(ascii: "x"), UInt8(ascii: "o"), UInt8(ascii: "b"):
                if index != radixIndex { if !(hex && byte == UInt8(ascii: "b")) { return .string(text) } }
            case UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"):
                if !hex { return .string(text) }
            case UInt8(ascii: "."):
                dots += 1
                if dots > 1 { return .string(text) }
            default:
                return .string(text)
            }
        }
        if let integer = integer(text) { return .int(integer) }
        if let number = float(text) { return .double(number) }
        return .string(text)
    }

    /// Resolves a scalar carrying an explicit standard tag (`!!str`, `!!int`, ...).
    static func resolve(text: String, tag: String) -> YAMLNode.Value? {
        switch tag {
        case "tag:yaml.org,2002:str": return .string(text)
        case "tag:yaml.org,2002:null": return .null
        case "tag:yaml.org,2002:bool":
            if case .bool(let flag) = resolve(plain: text) { return .bool(flag) }
            return nil
        case "tag:yaml.org,2002:int":
            return integer(text).map { .int($0) }
        case "tag:yaml.org,2002:float":
            if let integer = integer(text) { return .double(Double(integer)) }
            return float(text).map { .double($0) }
        default: return .string(text)
        }
    }

    private static func integer(_ text: String) -> Int64? {
        var body = Substring(text)
        var negative = false
        if body.first == "-" || body.first == "+" {
            negative = body.first == "-"
            body = body.dropFirst()
        }
        guard !body.isEmpty else { return nil }
        var radix = 10
        if body.hasPrefix("0x") { radix = 16; body = body.dropFirst(2) }
        else if body.hasPrefix("0b") { radix = 2; body = body.dropFirst(2) }
        else if body.hasPrefix("0o") { radix = 8; body = body.dropFirst(2) }
        else if body.count > 1 && body.first == "0" { radix = 8; body = body.dropFirst() }
        let digits = body.contains("_") ? String(body.filter { $0 != "_" }) : String(body)
        guard !digits.isEmpty, let magnitude = UInt64(digits, radix: radix) else { return nil }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    private static func float(_ text: String) -> Double? {
        // [-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?
        var bytes = Array(text.utf8.filter { $0 != UInt8(ascii: "_") })
        var index = 0
        func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
        var mantissaDigits = 0
        while index < bytes.count, isDigit(bytes[index]) { index += 1; mantissaDigits += 1 }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < bytes.count, isDigit(bytes[index]) { index += 1; mantissaDigits += 1 }
        }
        guard mantissaDigits > 0 else { return nil }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
            var exponentDigits = 0
            while index < bytes.count, isDigit(bytes[index]) { index += 1; exponentDigits += 1 }
            guard exponentDigits > 0 else { return nil }
        }
        guard index == bytes.count else { return nil }
        bytes.append(0)
        return Double(String(decoding: bytes.dropLast(), as: UTF8.self))
    }
}
