/// Text helpers shared by the window parsers.
enum WindowText {
    /// `text` without leading and trailing spaces, tabs and line breaks.
    static func trimmed(_ text: some StringProtocol) -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        let string = Substring(text)
        guard let first = string.firstIndex(where: { !isSpace($0) }), let last = string.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return string[first...last]
    }
}
