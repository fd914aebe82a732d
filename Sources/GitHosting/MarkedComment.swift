import Foundation

/// The one pull-request comment Freightline keeps up to date with the plan. A hidden marker
/// line, `<!-- freightline:plan -->` (or `<!-- freightline:plan:KEY -->`, so two workflows of
/// one repository keep separate comments), finds it again on the next run; the body is cut to
/// GitHub's comment limit if it is longer.
package struct MarkedComment: Sendable, Hashable {
    /// GitHub refuses comment bodies longer than this many characters.
    package static let characterLimit = 65_536

    package let key: String?
    /// The marker line, e.g. `<!-- freightline:plan:staging -->`.
    package let marker: String
    /// What is sent: the marker line, then the text (cut to fit, with a note, if needed).
    package let body: String
    /// Whether the text had to be cut.
    package let wasTrimmed: Bool

    /// - Parameters:
    ///   - text: the markdown to show (the plan). Marker lines already in it are replaced by
    ///     this comment's own, so the body carries exactly one.
    ///   - key: tells this comment apart from other workflows' plan comments.
    ///   - fullPlanLink: where the whole plan can be read when the text is cut (the run's page).
    ///   - limit: the most characters the body may have (GitHub's limit unless a test says less).
    package init(text: String, key: String? = nil, fullPlanLink: String? = nil,
                 limit: Int = MarkedComment.characterLimit) throws(GitHubInputError) {
        if let key { try Self.check(key: key) }
        self.key = key
        marker = Self.marker(for: key)
        let lines = Self.normalized(text).split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !Self.isAnyMarker($0) }
            .map(String.init)
        let full = ([marker] + lines).joined(separator: "\n")
        if Self.length(full) <= limit {
            body = full
            wasTrimmed = false
        } else {
            body = Self.trimmed(marker: marker, lines: lines, note: Self.note(fullPlanLink: fullPlanLink), limit: limit)
            wasTrimmed = true
        }
    }

    package static func marker(for key: String?) -> String {
        key.map { "<!-- freightline:plan:\($0) -->" } ?? "<!-- freightline:plan -->"
    }

    /// Whether `comment` carries this comment's marker on a line of its own.
    package func isMarker(of comment: IssueComment) -> Bool {
        Self.normalized(comment.body).split(separator: "\n", omittingEmptySubsequences: false)
            .contains { $0.trimmingCharacters(in: .whitespaces) == marker }
    }

    /// What to do given the issue's comments, oldest first: update the first comment with
    /// the marker (by anyone) when its body differs, leave it when it is the same, else create.
    package func action(given comments: [IssueComment]) -> Action {
        guard let existing = comments.first(where: isMarker(of:)) else { return .create }
        return Self.normalized(existing.body) == body ? .unchanged(existing) : .update(existing)
    }

    package enum Action: Sendable, Hashable {
        case create
        case update(IssueComment)
        case unchanged(IssueComment)
    }

    // MARK: rules

    /// Keys go inside an HTML comment: letters, digits, `.`, `_`, `/`, single `-`.
    private static func check(key: String) throws(GitHubInputError) {
        let allowed = key.unicodeScalars.allSatisfy {
            ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || "._/-".unicodeScalars.contains($0)
        }
        guard !key.isEmpty, key.count <= 100, allowed, !key.contains("--"), !key.hasSuffix("-") else {
            throw GitHubInputError("comment key `\(key)` may hold only letters, digits, . _ / and single - (at most 100, not ending in -)")
        }
    }

    /// Any Freightline plan marker, keyed or not.
    private static func isAnyMarker(_ line: Substring) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        return trimmed == "<!-- freightline:plan -->"
            || (trimmed.hasPrefix("<!-- freightline:plan:") && trimmed.hasSuffix(" -->"))
    }

    private static func normalized(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n")
    }

    /// Counted in UTF-16 code units: never fewer than the code points GitHub counts, so a body
    /// that fits here fits there.
    private static func length(_ text: some StringProtocol) -> Int { text.utf16.count }

    private static func note(fullPlanLink: String?) -> String {
        let location = fullPlanLink.map { "the job summary of [this workflow run](\($0))" } ?? "this workflow run's job summary"
        return """
            > [!NOTE]
            > This plan was cut here to fit GitHub's 65,536-character comment limit. \
            The whole plan is in \(location) and in its plan-markdown file.
            """
    }

    /// The marker and as many whole lines as fit with the note, closing a code fence or
    /// `<details>` blocks the cut left open so the note renders as text.
    private static func trimmed(marker: String, lines: [String], note: String, limit: Int) -> String {
        var kept = [marker]
        var used = length(marker)
        var inFence = false
        var openDetails = 0
        let noteCost = length(note) + 2  // a blank line before it
        func closers(inFence: Bool, openDetails: Int) -> [String] {
            (inFence ? ["```"] : []) + Array(repeating: "</details>", count: max(0, openDetails))
        }
        func cost(_ lines: [String]) -> Int { lines.reduce(0) { $0 + length($1) + 1 } }
        for line in lines {
            var fence = inFence
            var details = openDetails
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { fence.toggle() }
            if !fence {
                details += line.components(separatedBy: "<details").count - 1
                details -= line.components(separatedBy: "</details>").count - 1
            }
            let needed = used + length(line) + 1 + cost(closers(inFence: fence, openDetails: details)) + noteCost
            guard needed <= limit else { break }
            kept.append(line)
            used += length(line) + 1
            inFence = fence
            openDetails = details
        }
        kept += closers(inFence: inFence, openDetails: openDetails)
        return kept.joined(separator: "\n") + "\n\n" + note
    }
}
