import Foundation
import Pipeline
import Testing
@testable import Discovery

/// `ChartVersionSelection` (Kargo's chart selector rules), the index reader and the OCI
/// helpers: pure, no server.
@Suite struct ChartSelectionTests {
    static let listed = [
        "0.9.0", "1.0.0", "1.0.1", "1.1.0", "1.2.0-rc.1", "1.2.0", "1.10.0", "2.0.0-beta.1",
        "2.0.0", "2.1.0", "3.0.0-alpha", "v1.5", "not-a-version", "",
    ]

    struct Case: Sendable, CustomTestStringConvertible {
        var constraint: String?
        var limit: Int64?
        var expected: [String]
        var testDescription: String { "\(constraint ?? "<none>") limit \(limit.map(String.init) ?? "default")" }
    }

    static let cases: [Case] = [
        // No constraint: everything that parses, pre-releases included (Kargo checks nothing).
        Case(constraint: nil, limit: nil, expected: [
            "3.0.0-alpha", "2.1.0", "2.0.0", "2.0.0-beta.1", "1.10.0", "v1.5", "1.2.0", "1.2.0-rc.1",
            "1.1.0", "1.0.1", "1.0.0", "0.9.0",
        ]),
        Case(constraint: "", limit: 3, expected: ["3.0.0-alpha", "2.1.0", "2.0.0"]),
        // A constraint without a pre-release excludes pre-releases.
        Case(constraint: "*", limit: nil, expected: ["2.1.0", "2.0.0", "1.10.0", "v1.5", "1.2.0", "1.1.0", "1.0.1", "1.0.0", "0.9.0"]),
        Case(constraint: "^1.0.0", limit: nil, expected: ["1.10.0", "v1.5", "1.2.0", "1.1.0", "1.0.1", "1.0.0"]),
        Case(constraint: "^1.0.0", limit: 2, expected: ["1.10.0", "v1.5"]),
        Case(constraint: "^0.9", limit: nil, expected: ["0.9.0"]),
        Case(constraint: "~1.0", limit: nil, expected: ["1.0.1", "1.0.0"]),
        Case(constraint: "~1.2.0", limit: nil, expected: ["1.2.0"]),
        Case(constraint: "1.2.x", limit: nil, expected: ["1.2.0"]),
        Case(constraint: ">= 1.1, < 2.0.0", limit: nil, expected: ["1.10.0", "v1.5", "1.2.0", "1.1.0"]),
        Case(constraint: ">=1.1 <1.5", limit: nil, expected: ["1.2.0", "1.1.0"]),
        Case(constraint: "1.0 - 1.2", limit: nil, expected: ["1.2.0", "1.1.0", "1.0.1", "1.0.0"]),
        Case(constraint: "^1.0.0, != 1.10.0", limit: nil, expected: ["v1.5", "1.2.0", "1.1.0", "1.0.1", "1.0.0"]),
        Case(constraint: "~0.9 || ~2.1", limit: nil, expected: ["2.1.0", "0.9.0"]),
        // A pre-release in the constraint lets pre-releases through, in that alternative only.
        Case(constraint: ">= 1.2.0-0, < 1.3", limit: nil, expected: ["1.2.0", "1.2.0-rc.1"]),
        Case(constraint: "~0.9 || >= 3.0.0-0", limit: nil, expected: ["3.0.0-alpha", "0.9.0"]),
        Case(constraint: "^2.0.0-0", limit: nil, expected: ["2.1.0", "2.0.0", "2.0.0-beta.1"]),
        Case(constraint: "^9", limit: nil, expected: []),
        // A non-positive limit means the default, as Kargo's defaulting does.
        Case(constraint: "*", limit: 0, expected: ["2.1.0", "2.0.0", "1.10.0", "v1.5", "1.2.0", "1.1.0", "1.0.1", "1.0.0", "0.9.0"]),
    ]

    @Test(arguments: cases) func selectsLikeKargo(_ testCase: Case) throws {
        let subscription = ChartSubscription(repoURL: "https://charts.example.com", name: "app",
                                             semverConstraint: testCase.constraint, discoveryLimit: testCase.limit)
        let selection = try ChartVersionSelection(subscription: subscription)
        #expect(selection.select(Self.listed, syntax: .repositoryIndex) == testCase.expected)
    }

    @Test func theDefaultLimitIsTwenty() throws {
        let many = (0..<30).map { "1.0.\($0)" }
        let selection = try ChartVersionSelection(subscription: ChartSubscription(repoURL: "https://x", name: "app"))
        #expect(selection.discoveryLimit == 20)
        let selected = selection.select(many, syntax: .repositoryIndex)
        #expect(selected.count == 20)
        #expect(selected.first == "1.0.29")
        #expect(selected.last == "1.0.10")
    }

    @Test func equalVersionsAreOrderedByTheirTextSoTheRepositoryOrderDoesNotMatter() {
        let selection = ChartVersionSelection(constraint: nil)
        #expect(selection.select(["1.0", "v1.0.0", "1.0.0"], syntax: .repositoryIndex) == ["v1.0.0", "1.0.0", "1.0"])
        #expect(selection.select(["1.0.0", "1.0", "v1.0.0"], syntax: .repositoryIndex) == ["v1.0.0", "1.0.0", "1.0"])
    }

    @Test func ociTagsAreStrictAndUnderscoreIsBuildMetadata() {
        let selection = ChartVersionSelection(constraint: nil)
        #expect(selection.select(["1.0.0_build.1", "v1.2.0", "1.1", "1.1.0", "latest"], syntax: .ociTag)
                == ["1.1.0", "1.0.0+build.1"])
    }

    @Test func aBadConstraintIsRejected() {
        #expect(throws: SemVerConstraintError.self) {
            try ChartVersionSelection(subscription: ChartSubscription(repoURL: "https://x", name: "a", semverConstraint: ">= banana"))
        }
    }

    // MARK: index.yaml

    @Test func readsTheVersionsOfOneChartAsWritten() throws {
        let index = """
        apiVersion: v1
        entries:
          other:
          - name: other
            version: 9.9.9
          app:
          - name: app
            version: 1.10
            urls: [app-1.10.tgz]
          - name: app
            version: "1.2.3"
          - name: app
          - name: app
            version: 2
        generated: "2024-01-01T00:00:00Z"
        """
        let read = try HelmRepositoryIndex.versions(of: "app", in: Array(index.utf8), file: "index.yaml")
        #expect(read.versions == ["1.10", "1.2.3", "2"])
        let missing = try HelmRepositoryIndex.versions(of: "nope", in: Array(index.utf8), file: "index.yaml")
        #expect(missing.versions == nil)
        #expect(missing.charts == ["other", "app"])
    }

    @Test(arguments: [
        ("apiVersion: v1\nentries:\n  app: [\n", 4),
        ("apiVersion: v1\nentries: 5\n", 2),
        ("apiVersion: v1\nentries:\n  app: {version: 1.0.0}\n", 3),
        ("apiVersion: v1\nentries:\n  app:\n  - 1.0.0\n", 4),
        ("- just\n- a list\n", 1),
        ("apiVersion: v1\napiVersion: v2\n", 2),
    ])
    func aBrokenIndexSaysWhere(_ text: String, line: Int) {
        do {
            _ = try HelmRepositoryIndex.versions(of: "app", in: Array(text.utf8), file: "index.yaml")
            Issue.record("expected an error for \(text)")
        } catch {
            #expect(error.location.file == "index.yaml")
            #expect(error.location.line == line, "\(error.message)")
        }
    }
}
