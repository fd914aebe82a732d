import ArgoCD
import Testing

/// Label selectors: the string the server filters by, and the same rules applied locally.
@Suite struct ApplicationSelectorTests {
    typealias Requirement = ApplicationSelector.Requirement

    @Test func queryListsRequirementsSortedByKeyInKubernetesSyntax() throws {
        let selector = ApplicationSelector(
            matchLabels: ["team": "platform", "app": "web"],
            matchExpressions: [
                Requirement(key: "environment", operator: .in, values: ["staging", "production"]),
                Requirement(key: "managed-by", operator: .notIn, values: ["legacy"]),
                Requirement(key: "tier", operator: .exists),
                Requirement(key: "deprecated", operator: .doesNotExist),
            ])
        #expect(try selector.query()
            == "app=web,!deprecated,environment in (production,staging),managed-by notin (legacy),team=platform,tier")
    }

    @Test(arguments: [
        ApplicationSelector(),
        ApplicationSelector(matchLabels: [:], matchExpressions: []),
        ApplicationSelector(matchExpressions: [Requirement(key: "env", operator: .in, values: [])]),
        ApplicationSelector(matchExpressions: [Requirement(key: "env", operator: .exists, values: ["x"])]),
    ])
    func invalidSelectorsAreRefused(_ selector: ApplicationSelector) {
        #expect(throws: ApplicationSelector.Invalid.self) { try selector.query() }
    }

    struct MatchCase: CustomTestStringConvertible, Sendable {
        var labels: [String: String]
        var selected: Bool
        var testDescription: String { "\(labels.sorted { $0.key < $1.key }) → \(selected)" }
    }

    @Test(arguments: [
        MatchCase(labels: ["team": "platform", "environment": "staging"], selected: true),
        MatchCase(labels: ["team": "platform", "environment": "production", "tier": "web"], selected: true),
        MatchCase(labels: ["team": "platform", "environment": "dev"], selected: false),
        MatchCase(labels: ["team": "platform"], selected: false),
        MatchCase(labels: ["team": "apps", "environment": "staging"], selected: false),
        MatchCase(labels: ["team": "platform", "environment": "staging", "managed-by": "legacy"], selected: false),
        MatchCase(labels: ["team": "platform", "environment": "staging", "managed-by": "argo"], selected: true),
        MatchCase(labels: ["team": "platform", "environment": "staging", "frozen": ""], selected: false),
    ])
    func localMatching(_ example: MatchCase) {
        let selector = ApplicationSelector(
            matchLabels: ["team": "platform"],
            matchExpressions: [
                Requirement(key: "environment", operator: .in, values: ["staging", "production"]),
                Requirement(key: "managed-by", operator: .notIn, values: ["legacy"]),
                Requirement(key: "frozen", operator: .doesNotExist),
            ])
        #expect(selector.matches(example.labels) == example.selected)
    }
}
