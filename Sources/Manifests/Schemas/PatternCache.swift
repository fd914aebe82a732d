import Foundation
import Synchronization

/// Compiled regular expressions from schemas, compiled once per pattern and shared.
enum PatternCache {
    private static let cache = Mutex<[String: NSRegularExpression?]>([:])

    static func matches(_ text: String, pattern: String) -> Bool {
        guard let regex = compiled(pattern) else { return true }
        let range = NSRange(text.startIndex..<text.endIndex, in: text)
        return regex.firstMatch(in: text, options: [], range: range) != nil
    }

    static func compiled(_ pattern: String) -> NSRegularExpression? {
        if let hit = cache.withLock({ $0[pattern] }) { return hit }
        let regex = try? NSRegularExpression(pattern: pattern)
        cache.withLock { $0[pattern] = regex }
        return regex
    }
}
