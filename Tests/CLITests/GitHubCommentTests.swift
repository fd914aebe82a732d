import Foundation
import Testing
import TestSupport

/// `freightline github-comment` against the GitHub stand-in, run as the Action runs it.
@Suite(.serialized) struct GitHubCommentTests {
    static let repository = "acme/gitops"

    /// The Actions environment with nothing inherited that could point elsewhere.
    static func environment(_ standIn: GitHubStandIn, token: String? = nil, extra: [String: String] = [:]) -> [String: String] {
        ["GITHUB_TOKEN": token ?? standIn.token, "GITHUB_API_URL": standIn.apiURL, "GITHUB_REPOSITORY": repository,
         "GITHUB_EVENT_PATH": "", "GITHUB_EVENT_NAME": "", "GITHUB_SERVER_URL": "", "GITHUB_RUN_ID": ""]
            .merging(extra) { $1 }
    }

    static func write(_ text: String, in folder: URL, name: String = "plan.md") throws -> String {
        let file = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return file.path
    }

    @Test func firstRunCreatesSecondUpdatesThirdChangesNothing() async throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await GitHubStandIn.with { standIn in
            standIn.seed(repository: Self.repository, issue: 7, bodies: ["Looks good to me"])
            let environment = Self.environment(standIn)
            let v1 = try Self.write("## Freightline plan\n\ntest: promote calm-heron\n", in: folder)

            let first = try await runCLI(["github-comment", "--body-file", v1, "--pr", "7"], environment: environment)
            #expect(first.status == 0, "\(first.output)")
            let comments = standIn.comments(repository: Self.repository, issue: 7)
            #expect(comments.count == 2)
            let created = try #require(comments.last)
            #expect(created.body == "<!-- freightline:plan -->\n## Freightline plan\n\ntest: promote calm-heron\n")
            #expect(first.stdout == "created comment https://github.com/acme/gitops/pull/7#issuecomment-\(created.id)\n")
            #expect(standIn.requests.map(\.method) == ["GET", "POST"])

            standIn.forgetRequests()
            let v2 = try Self.write("## Freightline plan\n\ntest: up to date\n", in: folder)
            let second = try await runCLI(["github-comment", "--body-file", v2, "--pr", "7"], environment: environment)
            #expect(second.status == 0, "\(second.output)")
            #expect(second.stdout == "updated comment https://github.com/acme/gitops/pull/7#issuecomment-\(created.id)\n")
            #expect(standIn.requests.map(\.method) == ["GET", "PATCH"])
            #expect(standIn.requests.last?.path == "/repos/acme/gitops/issues/comments/\(created.id)")
            #expect(standIn.comments(repository: Self.repository, issue: 7).map(\.body)
                    == ["Looks good to me", "<!-- freightline:plan -->\n## Freightline plan\n\ntest: up to date\n"])

            standIn.forgetRequests()
            let third = try await runCLI(["github-comment", "--body-file", v2, "--pr", "7"], environment: environment)
            #expect(third.status == 0, "\(third.output)")
            #expect(third.stdout == "comment https://github.com/acme/gitops/pull/7#issuecomment-\(created.id) unchanged\n")
            #expect(standIn.requests.map(\.method) == ["GET"])
            #expect(standIn.comments(repository: Self.repository, issue: 7).count == 2)
        }
    }

    @Test func findsItsCommentOnTheSecondPageOf150() async throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await GitHubStandIn.with { standIn in
            standIn.seed(repository: Self.repository, issue: 9, bodies: (1...119).map { "review comment \($0)" })
            let marked = standIn.seed(repository: Self.repository, issue: 9, bodies: ["<!-- freightline:plan -->\nold plan"])[0]
            standIn.seed(repository: Self.repository, issue: 9, bodies: (121...150).map { "review comment \($0)" })
            let body = try Self.write("new plan\n", in: folder)
            let result = try await runCLI(["github-comment", "--body-file", body, "--pr", "9"], environment: Self.environment(standIn))
            #expect(result.status == 0, "\(result.output)")
            #expect(result.stdout == "updated comment https://github.com/acme/gitops/pull/9#issuecomment-\(marked)\n")
            let requests = standIn.requests
            #expect(requests.map(\.method) == ["GET", "GET", "PATCH"])
            #expect(requests.prefix(2).map { $0.query["page"] ?? "1" } == ["1", "2"])
            #expect(requests.last?.path == "/repos/acme/gitops/issues/comments/\(marked)")
            #expect(standIn.comments(repository: Self.repository, issue: 9).count == 150)
        }
    }

    @Test func theEventPayloadNamesThePullRequest() async throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await GitHubStandIn.with(prefix: "/api/v3") { standIn in
            let event = try Self.write(#"{"action":"synchronize","number":31,"pull_request":{"number":31,"base":{"sha":"0a1b"}}}"#,
                                       in: folder, name: "event.json")
            let body = try Self.write("plan\n", in: folder)
            let result = try await runCLI(["github-comment", "--body-file", body],
                                          environment: Self.environment(standIn, extra: ["GITHUB_EVENT_PATH": event,
                                                                                         "GITHUB_EVENT_NAME": "pull_request"]))
            #expect(result.status == 0, "\(result.output)")
            #expect(standIn.requests.map(\.path) == ["/api/v3/repos/acme/gitops/issues/31/comments",
                                                     "/api/v3/repos/acme/gitops/issues/31/comments"])
            #expect(standIn.comments(repository: Self.repository, issue: 31).count == 1)
        }
    }

    @Test func keysKeepSeparateComments() async throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await GitHubStandIn.with { standIn in
            let environment = Self.environment(standIn)
            let body = try Self.write("plan\n", in: folder)
            for key in ["staging", "production", "staging"] {
                let result = try await runCLI(["github-comment", "--body-file", body, "--pr", "3", "--key", key], environment: environment)
                #expect(result.status == 0, "\(result.output)")
            }
            #expect(standIn.comments(repository: Self.repository, issue: 3).map(\.body)
                    == ["<!-- freightline:plan:staging -->\nplan\n", "<!-- freightline:plan:production -->\nplan\n"])
        }
    }

    @Test func aWrongTokenExits4AndNeverShowsTheToken() async throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await GitHubStandIn.with { standIn in
            let wrong = "ghp_wrong\(UUID().uuidString.replacingOccurrences(of: "-", with: ""))"
            let body = try Self.write("plan\n", in: folder)
            let result = try await runCLI(["github-comment", "--body-file", body, "--pr", "7"],
                                          environment: Self.environment(standIn, token: wrong))
            #expect(result.status == 4, "\(result.output)")
            #expect(result.stderr.contains("401 (Bad credentials)"))
            #expect(!result.output.contains(wrong))
            #expect(!result.output.contains(standIn.token))
            #expect(standIn.requests.map(\.headers["authorization"]) == ["Bearer \(wrong)"])
            #expect(standIn.comments(repository: Self.repository, issue: 7).isEmpty)
        }
    }

    @Test func anUnreachableAPIExits4() async throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let standIn = try await GitHubStandIn.start()
        await standIn.stop()
        let body = try Self.write("plan\n", in: folder)
        let result = try await runCLI(["github-comment", "--body-file", body, "--pr", "7"], environment: Self.environment(standIn))
        #expect(result.status == 4, "\(result.output)")
        #expect(result.stderr.contains("cannot reach GitHub"))
        #expect(!result.output.contains(standIn.token))
    }

    @Test func missingInputsExit2() async throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await GitHubStandIn.with { standIn in
            let body = try Self.write("plan\n", in: folder)
            let push = try Self.write(#"{"ref":"refs/heads/main","commits":[]}"#, in: folder, name: "push.json")
            let cases: [(arguments: [String], environment: [String: String], message: String)] = [
                (["--body-file", body], Self.environment(standIn), "no pull request number"),
                (["--body-file", body], Self.environment(standIn, extra: ["GITHUB_EVENT_PATH": push, "GITHUB_EVENT_NAME": "push"]),
                 "the event payload (event push) has no pull_request.number"),
                (["--body-file", body, "--pr", "7"], Self.environment(standIn, token: ""), "$GITHUB_TOKEN is not set"),
                (["--body-file", body, "--pr", "7", "--token-env", "MY_TOKEN"], Self.environment(standIn), "$MY_TOKEN is not set"),
                (["--body-file", body, "--pr", "7"], Self.environment(standIn, extra: ["GITHUB_REPOSITORY": ""]), "no repository"),
                (["--body-file", body, "--pr", "7", "--repository", "https://github.com/acme/gitops"], Self.environment(standIn),
                 "is not owner/name"),
                (["--body-file", folder.appendingPathComponent("missing.md").path, "--pr", "7"], Self.environment(standIn),
                 "cannot read --body-file"),
                (["--body-file", body, "--pr", "7", "--key", "a--b"], Self.environment(standIn), "comment key `a--b`"),
                (["--body-file", body, "--pr", "7", "--api-url", "http://ghe.example.com/api/v3"], Self.environment(standIn),
                 "must use https"),
                (["--body-file", body, "--pr", "0"], Self.environment(standIn), "--pr 0 is not a pull request number"),
            ]
            for (arguments, environment, message) in cases {
                let result = try await runCLI(["github-comment"] + arguments, environment: environment)
                #expect(result.status == 2, "\(arguments): \(result.output)")
                #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
                #expect(!result.output.contains(standIn.token))
            }
            #expect(standIn.requests.isEmpty)
        }
    }

    @Test func anOverlongBodyIsCutUnderTheLimitWithANote() async throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await GitHubStandIn.with { standIn in
            let rows = (1...3_000).map { "| prod-\($0) | blocked | soak: 41m of 1h in uat |" }
            let body = try Self.write("## Freightline plan\n" + rows.joined(separator: "\n") + "\n", in: folder)
            let environment = Self.environment(standIn, extra: ["GITHUB_SERVER_URL": "https://github.com", "GITHUB_RUN_ID": "4242"])
            let result = try await runCLI(["github-comment", "--body-file", body, "--pr", "5"], environment: environment)
            #expect(result.status == 0, "\(result.output)")
            #expect(result.stderr.contains("cut to"))
            let stored = try #require(standIn.comments(repository: Self.repository, issue: 5).first)
            #expect(stored.body.count < 65_536)
            #expect(stored.body.unicodeScalars.count <= GitHubStandIn.bodyLimit)
            #expect(stored.body.hasPrefix("<!-- freightline:plan -->\n## Freightline plan\n| prod-1 |"))
            #expect(stored.body.contains("[this workflow run](https://github.com/acme/gitops/actions/runs/4242)"))
            let kept = stored.body.components(separatedBy: "\n\n> [!NOTE]")[0].split(separator: "\n").dropFirst(2)
            #expect(kept.count > 1_000 && kept.allSatisfy { rows.contains(String($0)) })
        }
    }

    @Test func standardInputIsTheBody() async throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await GitHubStandIn.with { standIn in
            let body = try Self.write("plan from a pipe\n", in: folder)
            let result = try await runCLI(["github-comment", "--body-file", "-", "--pr", "8"], environment: Self.environment(standIn),
                                          standardInput: body)
            #expect(result.status == 0, "\(result.output)")
            #expect(standIn.comments(repository: Self.repository, issue: 8).map(\.body) == ["<!-- freightline:plan -->\nplan from a pipe\n"])
        }
    }
}

/// `scripts/github-action.sh` in plan mode, as `action.yml` runs it, with a fake
/// `freightline` that logs its arguments and prints canned plans, except `github-comment`,
/// which it hands to the real binary so the comment reaches the stand-in.
@Suite(.serialized) struct GitHubActionScriptTests {
    static let script = CLI.packageRoot.appendingPathComponent("scripts/github-action.sh").path
    static let markdown = "## Freightline plan\n\n| stage | decision |\n|---|---|\n| test | promote calm-heron |\n"
    static let json = #"{"now":"2026-11-23T09:00:00Z","projects":[]}"#

    struct Runner {
        var folder: URL
        var workspace: URL
        var temp: URL
        var log: URL
        var summary: URL
        var outputs: URL
        var event: URL
        var fake: URL

        init(validateStatus: Int32 = 0, planStatus: Int32 = 0) throws {
            folder = try CLI.temporaryDirectory()
            workspace = folder.appendingPathComponent("workspace")
            temp = folder.appendingPathComponent("runner-temp")
            log = folder.appendingPathComponent("freightline.log")
            summary = folder.appendingPathComponent("summary.md")
            outputs = folder.appendingPathComponent("outputs.txt")
            event = folder.appendingPathComponent("event.json")
            fake = folder.appendingPathComponent("bin/freightline")
            for directory in [workspace, temp, fake.deletingLastPathComponent()] {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            }
            try Data().write(to: summary)
            try Data().write(to: outputs)
            try Data(#"{"action":"opened","number":57,"pull_request":{"number":57,"base":{"sha":"5eed"}}}"#.utf8).write(to: event)
            let fakeScript = """
                #!/usr/bin/env bash
                printf '%s\\n' "$*" >> '\(log.path)'
                case "$1" in
                  github-comment) exec '\(CLI.executable.path)' "$@" ;;
                  validate) echo '::error file=kargo/stages.yaml,line=3,col=5::unknown Stage'; exit \(validateStatus) ;;
                  plan)
                    if [ \(planStatus) -ne 0 ]; then echo "error: kargo/stages.yaml:3:5: unknown Stage" >&2; exit \(planStatus); fi
                    for argument in "$@"; do
                      if [ "$argument" = json ]; then printf '%s\\n' '\(GitHubActionScriptTests.json)'; exit 0; fi
                    done
                    printf '%s' '\(GitHubActionScriptTests.markdown)' ;;
                  reconcile)
                    # Records state on the workspace's state branch, as reconcile --repo WORKSPACE does,
                    # and reports a failed promotion (exit 1), whose state must still be pushed.
                    tree=$(git -C "$GITHUB_WORKSPACE" mktree </dev/null)
                    parent=$(git -C "$GITHUB_WORKSPACE" rev-parse -q --verify refs/heads/freightline/state || true)
                    commit=$(git -C "$GITHUB_WORKSPACE" -c user.name=t -c user.email=t@example.com commit-tree "$tree" ${parent:+-p "$parent"} -m "promote test")
                    git -C "$GITHUB_WORKSPACE" update-ref refs/heads/freightline/state "$commit"
                    echo "test  calm-heron  promoted"
                    echo "uat   calm-heron  failed: git-push refused"
                    exit 1 ;;
                  *) echo "unexpected: $*" >&2; exit 9 ;;
                esac
                """
            try Data(fakeScript.utf8).write(to: fake)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake.path)
        }

        func environment(_ standIn: GitHubStandIn, event name: String = "pull_request") -> [String: String] {
            [
                "PATH": fake.deletingLastPathComponent().path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"),
                "GITHUB_WORKSPACE": workspace.path, "RUNNER_TEMP": temp.path,
                "GITHUB_STEP_SUMMARY": summary.path, "GITHUB_OUTPUT": outputs.path,
                "GITHUB_EVENT_NAME": name, "GITHUB_EVENT_PATH": event.path,
                "GITHUB_REPOSITORY": "acme/gitops", "GITHUB_API_URL": standIn.apiURL, "GITHUB_TOKEN": standIn.token,
                "GITHUB_SERVER_URL": "", "GITHUB_RUN_ID": "",
                "FREIGHTLINE_MODE": "plan", "FREIGHTLINE_CONFIG_PATH": "kargo", "FREIGHTLINE_STATE_REF": "freightline/state",
                "FREIGHTLINE_BASE": "5eed", "FREIGHTLINE_DIFF": "true", "FREIGHTLINE_COMMENT": "true",
                "FREIGHTLINE_COMMENT_KEY": "", "FREIGHTLINE_BIN": "freightline", "FREIGHTLINE_EXTRA_ARGS": "--offline",
                "FREIGHTLINE_REPO": "", "FREIGHTLINE_CREDENTIALS": "", "FREIGHTLINE_NOW": "2026-11-23T09:00:00Z",
            ]
        }

        func run(_ environment: [String: String]) async throws -> CLIResult {
            try await runProcess("/bin/bash", [GitHubActionScriptTests.script], environment: environment, in: workspace)
        }

        func read(_ file: URL) throws -> String { try String(contentsOf: file, encoding: .utf8) }
    }

    @Test func planModeWritesSummaryOutputsAndTheComment() async throws {
        let runner = try Runner()
        defer { try? FileManager.default.removeItem(at: runner.folder) }
        try await GitHubStandIn.with { standIn in
            let result = try await runner.run(runner.environment(standIn))
            #expect(result.status == 0, "\(result.output)")
            #expect(result.stdout.contains("::error file=kargo/stages.yaml,line=3,col=5::unknown Stage"))
            #expect(!result.output.contains(standIn.token))

            let markdown = runner.temp.appendingPathComponent("freightline-plan.md").path
            let json = runner.temp.appendingPathComponent("freightline-plan.json").path
            let ws = runner.workspace.path
            let common = "--repo \(ws) --config-path kargo --state-ref freightline/state --now 2026-11-23T09:00:00Z --base 5eed --diff --offline"
            #expect(try runner.read(runner.log).split(separator: "\n").map(String.init) == [
                "validate --config kargo --format github",
                "plan \(common) --format markdown",
                "plan \(common) --format json",
                "github-comment --body-file \(markdown)",
            ])
            #expect(try runner.read(runner.summary) == Self.markdown + "\n")
            #expect(try runner.read(runner.outputs) == "plan-markdown=\(markdown)\nplan-json=\(json)\n")
            #expect(try String(contentsOfFile: json, encoding: .utf8) == Self.json + "\n")
            // The PR number came from the event file: 57.
            #expect(standIn.comments(repository: "acme/gitops", issue: 57).map(\.body) == ["<!-- freightline:plan -->\n" + Self.markdown])
            #expect(result.stdout.contains("created comment https://github.com/acme/gitops/pull/57#issuecomment-"))
        }
    }

    @Test func aFailedValidationStillPlansThenFailsTheStep() async throws {
        let runner = try Runner(validateStatus: 2)
        defer { try? FileManager.default.removeItem(at: runner.folder) }
        try await GitHubStandIn.with { standIn in
            let result = try await runner.run(runner.environment(standIn))
            #expect(result.status == 2, "\(result.output)")
            #expect(result.stderr.contains("validate exited 2"))
            #expect(try runner.read(runner.log).contains("github-comment --body-file"))
            #expect(try runner.read(runner.summary) == Self.markdown + "\n")
            #expect(standIn.comments(repository: "acme/gitops", issue: 57).count == 1)
        }
    }

    @Test func outsideAPullRequestThereIsNoComment() async throws {
        let runner = try Runner()
        defer { try? FileManager.default.removeItem(at: runner.folder) }
        try await GitHubStandIn.with { standIn in
            let result = try await runner.run(runner.environment(standIn, event: "push"))
            #expect(result.status == 0, "\(result.output)")
            #expect(try !runner.read(runner.log).contains("github-comment"))
            #expect(try runner.read(runner.summary) == Self.markdown + "\n")
            #expect(standIn.requests.isEmpty)
        }
    }

    @Test func theStateBranchIsCopiedFromOriginIntoTheWorkspace() async throws {
        let runner = try Runner()
        defer { try? FileManager.default.removeItem(at: runner.folder) }
        // A checkout as actions/checkout leaves it: detached HEAD, the state branch only as origin/….
        let origin = runner.folder.appendingPathComponent("origin")
        try FileManager.default.createDirectory(at: origin, withIntermediateDirectories: true)
        try CLI.git(["init", "-q"], in: origin)
        try Data("x\n".utf8).write(to: origin.appendingPathComponent("README"))
        try CLI.git(["add", "README"], in: origin)
        try CLI.git(["commit", "-q", "-m", "config"], in: origin)
        try CLI.git(["branch", "freightline/state"], in: origin)
        try CLI.git(["init", "-q"], in: runner.workspace)
        try CLI.git(["remote", "add", "origin", origin.path], in: runner.workspace)
        try CLI.git(["fetch", "-q", "origin", "+refs/heads/*:refs/remotes/origin/*"], in: runner.workspace)
        try CLI.git(["checkout", "-q", "--detach", "origin/main"], in: runner.workspace)
        try await GitHubStandIn.with { standIn in
            let result = try await runner.run(runner.environment(standIn, event: "push"))
            #expect(result.status == 0, "\(result.output)")
        }
        let local = try CLI.git(["rev-parse", "refs/heads/freightline/state"], in: runner.workspace)
        let remote = try CLI.git(["rev-parse", "refs/remotes/origin/freightline/state"], in: runner.workspace)
        #expect(local == remote)
    }

    @Test func aFailedPlanStillCommentsThatItFailed() async throws {
        let runner = try Runner(planStatus: 2)
        defer { try? FileManager.default.removeItem(at: runner.folder) }
        try await GitHubStandIn.with { standIn in
            var environment = runner.environment(standIn)
            environment["GITHUB_SERVER_URL"] = "https://github.com"
            environment["GITHUB_RUN_ID"] = "77"
            let result = try await runner.run(environment)
            #expect(result.status == 2, "\(result.output)")
            let note = ":x: `freightline plan` failed (exit 2) for this commit; see the annotations and the job log of [this run](https://github.com/acme/gitops/actions/runs/77)."
            #expect(try runner.read(runner.summary) == "## Freightline plan\n\n\(note)\n\n")
            #expect(standIn.comments(repository: "acme/gitops", issue: 57).map(\.body)
                    == ["<!-- freightline:plan -->\n## Freightline plan\n\n\(note)\n"])
        }
    }

    @Test func reconcileModeSummarisesAndPushesTheStateBranchBack() async throws {
        let runner = try Runner()
        defer { try? FileManager.default.removeItem(at: runner.folder) }
        // origin (bare) with main and an existing state branch; the workspace is its clone.
        let seed = runner.folder.appendingPathComponent("seed")
        let origin = runner.folder.appendingPathComponent("origin.git")
        try FileManager.default.createDirectory(at: seed, withIntermediateDirectories: true)
        try CLI.git(["init", "-q"], in: seed)
        try Data("x\n".utf8).write(to: seed.appendingPathComponent("README"))
        try CLI.git(["add", "README"], in: seed)
        try CLI.git(["commit", "-q", "-m", "config"], in: seed)
        try CLI.git(["branch", "freightline/state"], in: seed)
        try CLI.git(["clone", "-q", "--bare", seed.path, origin.path], in: runner.folder)
        try FileManager.default.removeItem(at: runner.workspace)
        try CLI.git(["clone", "-q", origin.path, runner.workspace.path], in: runner.folder)
        let before = try CLI.git(["rev-parse", "freightline/state"], in: origin)
        try await GitHubStandIn.with { standIn in
            var environment = runner.environment(standIn, event: "schedule")
            environment["FREIGHTLINE_MODE"] = "reconcile"
            environment["FREIGHTLINE_EXTRA_ARGS"] = ""
            environment["FREIGHTLINE_CREDENTIALS"] = "/run/creds.yaml"
            let result = try await runner.run(environment)
            #expect(result.status == 1, "\(result.output)")
            let ws = runner.workspace.path
            #expect(try runner.read(runner.log) == "reconcile --repo \(ws) --config-path kargo --state-ref freightline/state "
                    + "--now 2026-11-23T09:00:00Z --credentials /run/creds.yaml\n")
            let report = runner.temp.appendingPathComponent("freightline-reconcile.txt").path
            #expect(try runner.read(runner.outputs) == "reconcile-summary=\(report)\n")
            #expect(try runner.read(runner.summary) == """
                ## Freightline reconcile

                `freightline reconcile` exited 1.

                ```text
                test  calm-heron  promoted
                uat   calm-heron  failed: git-push refused
                ```

                """)
            #expect(standIn.requests.isEmpty)
        }
        let after = try CLI.git(["rev-parse", "freightline/state"], in: origin)
        #expect(after != before)
        #expect(try CLI.git(["rev-parse", "refs/heads/freightline/state"], in: runner.workspace) == after)
        #expect(try CLI.git(["log", "-1", "--format=%s", "freightline/state"], in: origin) == "promote test\n")
    }

    @Test func badInputsStopBeforeRunningAnything() async throws {
        let runner = try Runner()
        defer { try? FileManager.default.removeItem(at: runner.folder) }
        try await GitHubStandIn.with { standIn in
            for (name, value, message) in [("FREIGHTLINE_MODE", "apply", "mode must be plan or reconcile"),
                                           ("FREIGHTLINE_DIFF", "yes", "diff must be true or false"),
                                           ("FREIGHTLINE_BIN", "/nonexistent/freightline", "freightline not found")] {
                var environment = runner.environment(standIn)
                environment[name] = value
                let result = try await runner.run(environment)
                #expect(result.status == (name == "FREIGHTLINE_BIN" ? 4 : 2), "\(result.output)")
                #expect(result.stdout.contains("::error title=freightline::\(message)"))
            }
            #expect(!FileManager.default.fileExists(atPath: runner.log.path))
        }
    }
}

/// `CLI.run` off Swift's cooperative threads: the process waits for the stand-in, which
/// needs those threads to answer.
func runCLI(_ arguments: [String], environment: [String: String], standardInput: String? = nil) async throws -> CLIResult {
    try await runProcess(CLI.executable.path, arguments, environment: environment, standardInput: standardInput)
}

func runProcess(_ executable: String, _ arguments: [String], environment: [String: String], in directory: URL? = nil,
                standardInput: String? = nil) async throws -> CLIResult {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async {
            continuation.resume(with: Result {
                try CLI.run(arguments, in: directory, environment: environment,
                            program: URL(fileURLWithPath: executable), standardInput: standardInput)
            })
        }
    }
}
