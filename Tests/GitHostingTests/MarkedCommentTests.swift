import Foundation
@testable import GitHosting
import Testing

@Suite struct MarkedCommentTests {
    static func comment(_ id: Int64, _ body: String) -> IssueComment {
        IssueComment(id: id, body: body, htmlURL: "https://github.com/acme/gitops/pull/7#issuecomment-\(id)", author: "octocat")
    }

    @Test(arguments: [
        (nil as String?, "<!-- freightline:plan -->"),
        ("staging", "<!-- freightline:plan:staging -->"),
        ("team/prod_eu-1.2", "<!-- freightline:plan:team/prod_eu-1.2 -->"),
    ])
    func markerLineComesFirst(key: String?, marker: String) throws {
        let comment = try MarkedComment(text: "## Plan\n\nall up to date\n", key: key)
        #expect(comment.marker == marker)
        #expect(comment.body == marker + "\n## Plan\n\nall up to date\n")
        #expect(!comment.wasTrimmed)
    }

    @Test func markersAlreadyInTheTextAreReplacedByItsOwn() throws {
        let text = "<!-- freightline:plan -->\n## Plan\n  <!-- freightline:plan:other -->\nbody"
        let comment = try MarkedComment(text: text, key: "mine")
        #expect(comment.body == "<!-- freightline:plan:mine -->\n## Plan\nbody")
    }

    @Test(arguments: ["", "a--b", "bad key", "x>", "trailing-", "ünicode", String(repeating: "k", count: 101)])
    func keysThatCannotLiveInAnHTMLCommentAreRefused(key: String) {
        #expect(throws: GitHubInputError.self) { try MarkedComment(text: "plan", key: key) }
    }

    @Test func createsWhenNoCommentCarriesTheMarker() throws {
        let comment = try MarkedComment(text: "plan")
        let others = [Self.comment(1, "LGTM"), Self.comment(2, "mentions <!-- freightline:plan --> inline, not on a line")]
        #expect(comment.action(given: others) == .create)
        #expect(comment.action(given: []) == .create)
    }

    @Test func updatesTheOldestMarkedCommentWhenTheTextChanged() throws {
        let comment = try MarkedComment(text: "new plan")
        let first = Self.comment(5, "<!-- freightline:plan -->\nold plan")
        let second = Self.comment(9, "<!-- freightline:plan -->\nolder copy")
        #expect(comment.action(given: [Self.comment(1, "hi"), first, second]) == .update(first))
    }

    @Test func leavesAnIdenticalCommentAlone() throws {
        let comment = try MarkedComment(text: "same\nplan")
        let existing = Self.comment(5, "<!-- freightline:plan -->\r\nsame\r\nplan")
        #expect(comment.action(given: [existing]) == .unchanged(existing))
    }

    @Test func keyedAndUnkeyedCommentsStayApart() throws {
        let unkeyed = Self.comment(1, "<!-- freightline:plan -->\nplan A")
        let keyed = Self.comment(2, "<!-- freightline:plan:b -->\nplan B")
        #expect(try MarkedComment(text: "plan B2", key: "b").action(given: [unkeyed, keyed]) == .update(keyed))
        #expect(try MarkedComment(text: "plan A2").action(given: [keyed, unkeyed]) == .update(unkeyed))
        #expect(try MarkedComment(text: "plan C", key: "c").action(given: [unkeyed, keyed]) == .create)
    }

    @Test func aBodyOverTheLimitIsCutAtALineWithANote() throws {
        let lines = (1...5_000).map { "| stage-\($0) | promote | calm-heron | soak 1h of 1h |" }
        let text = "## Freightline plan\n" + lines.joined(separator: "\n")
        #expect(text.utf16.count > MarkedComment.characterLimit)
        let comment = try MarkedComment(text: text, fullPlanLink: "https://github.com/acme/gitops/actions/runs/42")
        #expect(comment.wasTrimmed)
        #expect(comment.body.utf16.count <= MarkedComment.characterLimit)
        #expect(comment.body.utf16.count > MarkedComment.characterLimit - 400)
        #expect(comment.body.hasPrefix("<!-- freightline:plan -->\n## Freightline plan\n| stage-1 |"))
        #expect(comment.body.contains("GitHub's 65,536-character comment limit"))
        #expect(comment.body.contains("[this workflow run](https://github.com/acme/gitops/actions/runs/42)"))
        // Every line before the note is a whole line of the original.
        let kept = comment.body.components(separatedBy: "\n\n> [!NOTE]")[0].split(separator: "\n").dropFirst(2)
        #expect(!kept.isEmpty)
        #expect(kept.allSatisfy { lines.contains(String($0)) })
    }

    @Test func aCutInsideACodeFenceAndDetailsClosesThem() throws {
        let diff = (1...400).map { "+  image: guestbook:v\($0)" }.joined(separator: "\n")
        let text = "summary\n<details><summary>diff</summary>\n\n```diff\n\(diff)\n```\n</details>\n"
        let comment = try MarkedComment(text: text, limit: 2_000)
        #expect(comment.wasTrimmed)
        #expect(comment.body.utf16.count <= 2_000)
        let beforeNote = comment.body.components(separatedBy: "\n\n> [!NOTE]")[0]
        #expect(beforeNote.hasSuffix("\n```\n</details>"))
        #expect(beforeNote.contains("+  image: guestbook:v1\n"))
    }

    @Test func aBodyAtTheLimitIsNotCut() throws {
        let marker = MarkedComment.marker(for: nil) + "\n"
        let text = String(repeating: "x", count: MarkedComment.characterLimit - marker.utf16.count)
        let comment = try MarkedComment(text: text)
        #expect(!comment.wasTrimmed)
        #expect(comment.body.utf16.count == MarkedComment.characterLimit)
    }
}
