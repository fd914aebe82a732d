/// Replaces one byte range of a file's text, leaving every other byte as it was.
struct TextSplice {
    var range: Range<Int>
    var text: String

    func applied(to bytes: [UInt8]) -> [UInt8] {
        var result = bytes
        result.replaceSubrange(range, with: Array(text.utf8))
        return result
    }
}

extension Array where Element == UInt8 {
    /// The offset just after the line break ending the line that holds `offset`, or the end.
    func endOfLine(from offset: Int) -> Int? {
        var index = offset
        while index < count {
            if self[index] == 0x0A { return index + 1 }
            index += 1
        }
        return nil
    }

    /// `end` moved back over trailing spaces and line breaks, never before `start`.
    func trimmingTrailingSpace(start: Int, end: Int) -> Int {
        var index = Swift.min(end, count)
        while index > start, [0x20, 0x09, 0x0A, 0x0D].contains(self[index - 1]) { index -= 1 }
        return index
    }

    /// The spaces and tabs that open the line holding `offset`.
    func indentation(ofLineAt offset: Int) -> String {
        var start = Swift.min(offset, count)
        while start > 0 && self[start - 1] != 0x0A { start -= 1 }
        var end = start
        while end < count, self[end] == 0x20 || self[end] == 0x09 { end += 1 }
        return String(decoding: self[start..<end], as: UTF8.self)
    }

    /// The line break the file uses (`\r\n` when its first line ends so).
    var lineBreak: String {
        guard let newline = firstIndex(of: 0x0A) else { return "\n" }
        return newline > 0 && self[newline - 1] == 0x0D ? "\r\n" : "\n"
    }
}
