import Testing
@testable import Manifests

@Suite struct ConfigValidatorTests {
    private func check(_ stages: [String], extra: [String: String] = [:], runnableSteps: Set<String>? = ["copy"]) -> LoadedConfig {
        var files = ["p.yaml": projectYAML, "w.yaml": warehouseYAML, "s.yaml": stages.joined(separator: "\n---\n")]
        files.merge(extra) { $1 }
        return validate(files, runnableSteps: runnableSteps)
    }

    @Test func cleanPipelineHasNoErrors() {
        let loaded = check([stageYAML("test"), stageYAML("uat", upstreams: ["test"]),
                            stageYAML("prod-us", upstreams: ["uat"]), stageYAML("prod-eu", upstreams: ["uat"])])
        #expect(loaded.errors.isEmpty, "\(loaded.errors)")
    }

    @Test func cycleIsPrintedInFlowOrder() throws {
        let loaded = check([stageYAML("a", upstreams: ["c"]), stageYAML("b", upstreams: ["a"]), stageYAML("c", upstreams: ["b"])])
        let error = try #require(loaded.errors.first { $0.message.contains("cycle") })
        #expect(error.message.contains("a → b → c → a"))
        #expect(error.path.description == "spec.requestedFreight[0].sources.stages[0]")
    }

    @Test func selfReferenceIsACycle() throws {
        let loaded = check([stageYAML("a", upstreams: ["a"])])
        #expect(loaded.errors.contains { $0.message.contains("cycle: a → a") })
    }

    @Test func danglingUpstreamSuggestsTheClosestName() throws {
        let loaded = check([stageYAML("test"), stageYAML("uat", upstreams: ["tset"])])
        let error = try #require(loaded.errors.first)
        #expect(error.message == "Stage `tset` not found in Project `demo`; did you mean `test`?")
        #expect(error.location.file == "s.yaml" && error.location.line == 22)  // second document of s.yaml
    }

    @Test func originTheUpstreamDoesNotRequestCanNeverArrive() throws {
        let other = """
            apiVersion: kargo.akuity.io/v1alpha1
            kind: Warehouse
            metadata:
              name: other
              namespace: demo
            spec:
              subscriptions:
              - git:
                  repoURL: https://github.com/example/config.git
            """
        let downstream = stageYAML("uat", upstreams: ["test"]).replacingOccurrences(of: "name: app}", with: "name: other}")
        let loaded = check([stageYAML("test"), downstream], extra: ["w2.yaml": other])
        let error = try #require(loaded.errors.first)
        #expect(error.message.contains("can never receive Freight from `other` through `test`"))
    }

    @Test func noSourceAtAllIsAnError() throws {
        let stage = stageYAML("test").replacingOccurrences(of: "direct: true", with: "direct: false")
        let loaded = check([stage])
        #expect(loaded.errors.contains { $0.message.contains("can never receive Freight from `app`") })
    }

    @Test(arguments: [
        ("      - uses: git-clonee\n        config: {}", "unknown step `git-clonee`; did you mean `git-clone`?"),
        ("      - uses: git-clone\n        config:\n          repoURL: https://x/y.git", "missing required field `checkout`"),
        ("      - uses: git-clone\n        config:\n          repoURL: ${{ vars.url }}\n          checkout: [{branch: main, path: 1}]", "expected a string, found integer"),
        ("      - task: {name: missing}", "PromotionTask `missing` not found in Project `demo`"),
        ("      - uses: fail\n        task: {name: x}", "both `uses` and `task`"),
        ("      - uses: git-clone", "needs a `config`"),
        ("      - uses: fail\n        if: ${{ outputs.x.ok == }}", "bad expression: unexpected end of expression"),
        ("      - uses: compose-output\n        config:\n          v: ${{ imagefrom('x') }}", "did you mean `imageFrom`"),
    ])
    func stepProblems(steps: String, expected: String) throws {
        let stage = stageYAML("test", extra: "  promotionTemplate:\n    spec:\n      steps:\n" + steps)
        let loaded = check([stage])
        #expect(loaded.errors.contains { $0.message.contains(expected) }, "\(loaded.errors.map(\.message))")
    }

    @Test func expressionsAreAcceptedWhereAnyValueGoes() throws {
        let steps = [
            "      - uses: git-clone",
            "        config:",
            "          repoURL: ${{ vars.url }}",
            "          insecureSkipTLSVerify: ${{ vars.insecure }}",
            "          checkout:",
            "          - branch: ${{ ctx.stage }}",
            "            path: ./out",
        ].joined(separator: "\n")
        let stage = stageYAML("test", extra: "  promotionTemplate:\n    spec:\n      steps:\n" + steps)
        let loaded = check([stage])
        #expect(loaded.errors.isEmpty, "\(loaded.errors)")
        #expect(loaded.warnings.contains { $0.message.contains("does not run yet") })
        let runnable = check([stage], runnableSteps: ["git-clone"])
        #expect(!runnable.warnings.contains { $0.message.contains("does not run yet") })
    }

    @Test func missingAnalysisTemplateAndArgs() throws {
        let template = """
            apiVersion: argoproj.io/v1alpha1
            kind: AnalysisTemplate
            metadata:
              name: smoke
              namespace: demo
            spec:
              args:
              - name: url
              metrics:
              - name: up
                interval: 10x
                provider:
                  web:
                    url: "{{args.url}}/{{args.path}}"
            """
        let stage = stageYAML("test", extra: "  verification:\n    analysisTemplates:\n    - name: smok\n")
        let loaded = check([stage], extra: ["t.yaml": template])
        let messages = loaded.errors.map(\.message)
        #expect(messages.contains { $0.contains("AnalysisTemplate `smok` not found in Project `demo`; did you mean `smoke`?") })
        #expect(messages.contains { $0.contains("`{{args.path}}` refers to an argument the template does not declare") })
        #expect(messages.contains { $0.contains("`10x` is not a duration") })
    }

    @Test func badTemplatesArePositionedDiagnostics() throws {
        let template = """
            apiVersion: argoproj.io/v1alpha1
            kind: AnalysisTemplate
            metadata:
              name: smoke
              namespace: demo
            spec:
              args:
              - name: url
              - name: threshold
                value: "0.9"
              metrics:
              - name: up
                successCondition: result[0] >=
                failureLimit: -2
                provider:
                  web:
                    url: "{{args.url}}"
              - name: rate
                failureCondition: asFloat(result) > 0.5 && imageFrom("x").Tag == "1"
                provider:
                  promethues:
                    query: up
            """
        let stage = stageYAML("test", extra: "  verification:\n    analysisTemplates:\n    - name: smoke\n")
        let loaded = check([stage], extra: ["t.yaml": template])
        let byPath = Dictionary(loaded.errors.map { ($0.path.description, $0) }, uniquingKeysWith: { first, _ in first })
        let condition = try #require(byPath["spec.metrics[0].successCondition"])
        #expect(condition.message.contains("is not a valid condition"))
        #expect(condition.location.file == "t.yaml" && condition.location.line == 13)
        #expect(byPath["spec.metrics[0].failureLimit"]?.message == "failureLimit must be >= 0, or -1 to be disabled")
        #expect(byPath["spec.metrics[1].failureCondition"]?.message.contains("unknown function `imageFrom`") == true,
                "Kargo's functions do not exist in Argo Rollouts' conditions")
        #expect(byPath["spec.metrics[1].provider.promethues"]?.message == "unknown metric provider `promethues`; Freightline runs web, prometheus and job")
        let missing = try #require(loaded.errors.first { $0.message.contains("needs argument") })
        #expect(missing.message == "analysis template `smoke` needs argument `url`, which has no default: add `{name: url, value: ...}` to spec.verification.args")
        #expect(missing.path.description == "spec.verification.analysisTemplates[0].name")
        #expect(missing.location.file == "s.yaml")
    }

    @Test func malformedPromotionWindowsArePositioned() throws {
        let cluster = """
            apiVersion: kargo.akuity.io/v1alpha1
            kind: ClusterConfig
            metadata:
              name: cluster
            spec:
              promotionWindows:
              - name: friday-freeze
                kind: Deny
                rrule: FREQ=FORTNIGHTLY;BYDAY=FR
                dtstart: TZID=Europe/Paris:20261120T180000
                dtend: TZID=Europe/Paris:20261123T090000
              - name: nowhere
                kind: Allow
                dtstart: TZID=Mars/Olympus:20261120T180000
                dtend: TZID=Mars/Olympus:20261120T190000
              - name: fine
                kind: Deny
                rrule: FREQ=WEEKLY;BYDAY=SA
                dtstart: TZID=America/New_York:20261121T000000
                dtend: TZID=America/New_York:20261122T000000
            """
        let loaded = check([stageYAML("test")], extra: ["c.yaml": cluster])
        let rrule = try #require(loaded.errors.first { $0.path.description == "spec.promotionWindows[0].rrule" })
        #expect(rrule.location.file == "c.yaml" && rrule.location.line == 9, "\(rrule)")
        #expect(rrule.message.contains("FORTNIGHTLY"))
        let zone = try #require(loaded.errors.first { $0.path.description.hasPrefix("spec.promotionWindows[1].dtstart") })
        #expect(zone.message.contains("Mars/Olympus"), "\(zone.message)")
        #expect(!loaded.errors.contains { $0.path.description.hasPrefix("spec.promotionWindows[2]") }, "\(loaded.errors)")
    }

    @Test func argsGivenByTheStageOrDefaultsSatisfyTheTemplate() throws {
        let template = """
            apiVersion: argoproj.io/v1alpha1
            kind: AnalysisTemplate
            metadata:
              name: smoke
              namespace: demo
            spec:
              args:
              - name: url
              - name: threshold
                value: "0.9"
              metrics:
              - name: up
                successCondition: asFloat(result) >= asFloat("{{args.threshold}}") && isNil(default(result, nil)) == false
                provider:
                  web:
                    url: "{{args.url}}"
            """
        let stage = stageYAML("test", extra: "  verification:\n    analysisTemplates:\n    - name: smoke\n    args:\n    - name: url\n      value: http://x\n")
        let loaded = check([stage], extra: ["t.yaml": template])
        #expect(loaded.errors.isEmpty, "\(loaded.errors)")
    }

    @Test(arguments: [
        ("constraint: \">= 1.2 ||\"", "not a valid semantic-version constraint"),
        ("allowTags: ^v(?=[0-9])", "lookahead"),
        ("allowTagsRegexes: [\"[unclosed\"]", "not a valid regular expression"),
    ])
    func subscriptionProblems(field: String, expected: String) throws {
        let warehouse = warehouseYAML + "\n      \(field)\n"
        let loaded = validate(["p.yaml": projectYAML, "w.yaml": warehouse])
        #expect(loaded.errors.contains { $0.message.contains(expected) }, "\(loaded.errors.map(\.message))")
    }

    @Test func badSoakDurationExplainsUnits() throws {
        let stage = stageYAML("uat", upstreams: ["test"]).replacingOccurrences(of: "stages: [test]", with: "stages: [test]\n      requiredSoakTime: 1d")
        let loaded = check([stageYAML("test"), stage])
        let error = try #require(loaded.errors.first)
        #expect(error.message.contains("`1d` is not a duration"))
        #expect(error.path.description == "spec.requestedFreight[0].sources.requiredSoakTime")
    }

    @Test func projectConfigMustBeNamedAfterItsProject() throws {
        let config = """
            apiVersion: kargo.akuity.io/v1alpha1
            kind: ProjectConfig
            metadata:
              name: wrong
              namespace: demo
            spec:
              promotionPolicies:
              - stageSelector:
                  name: "regex:^(test"
                autoPromotionEnabled: true
            """
        let loaded = validate(["p.yaml": projectYAML, "c.yaml": config])
        let messages = loaded.errors.map(\.message)
        #expect(messages.contains { $0.contains("expected `demo`, found `wrong`") })
        #expect(messages.contains { $0.contains("not a valid regular expression") })
    }
}
