/// Finds the first byte that breaks UTF-8, with the line and column a person needs.
enum UTF8Validation {
    struct InvalidByte {
        var offset: Int
        var byte: UInt8
        var line: Int
        var column: Int
    }

    static func firstInvalidByte(in bytes: ArraySlice<UInt8>) -> InvalidByte? {
        // Fast paths: plain ASCII (most configuration), then the standard library in bulk.
        if bytes.allSatisfy({ $0 < 0x80 }) { return nil }
        if String(validating: bytes, as: UTF8.self) != nil { return nil }
        var line = 1
        var column = 1
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let lead = bytes[index]
            let length: Int
            switch lead {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: length = 0
            }
            var valid = length > 0 && index + length <= bytes.endIndex
            if valid && length > 1 {
                let sequence = bytes[index..<(index + length)]
                valid = String(validating: sequence, as: UTF8.self) != nil
            }
            guard valid else {
                return InvalidByte(offset: index - bytes.startIndex, byte: lead, line: line, column: column)
            }
            if lead == 0x0A { line += 1; column = 1 } else { column += 1 }
            index += length
        }
        return nil
    }
}
