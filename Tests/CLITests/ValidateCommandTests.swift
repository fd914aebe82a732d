import Foundation
import Testing

@Suite struct ValidateCommandTests {
    static let example = "fixtures/examples/kargo-demo/kargo"

    @Test func bundledExampleValidates() throws {
        let result = try CLI.run(["validate", "--config", Self.example])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.stdout.contains("1 Project, 1 ProjectConfig, 1 Warehouse, 4 Stages, 1 PromotionTask, 1 AnalysisTemplate"))
        #expect(result.stdout.contains("Project kargo-demo: Warehouses: guestbook; Stages in flow order: test, uat, prod-us, prod-eu."))
        #expect(result.stdout.contains("OK: no errors"))
    }

    @Test func jsonFormatCarriesDiagnosticsAndSummary() throws {
        let result = try CLI.run(["validate", "--config", "fixtures/invalid/dangling-reference", "--format", "json"])
        #expect(result.status == 2)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        let error = try #require(diagnostics.first { $0["severity"] as? String == "error" })
        #expect(error["file"] as? String == "fixtures/invalid/dangling-reference/stage.yaml")
        #expect(error["line"] as? Int == 10)
        #expect(error["column"] as? Int == 13)
        #expect(error["path"] as? String == "spec.requestedFreight[0].origin.name")
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary["errors"] as? Int == 1)
        #expect(summary["files"] as? Int == 3)
    }

    @Test func githubFormatPrintsAnnotations() throws {
        let result = try CLI.run(["validate", "--config", "fixtures/invalid/dangling-reference", "--format", "github"])
        #expect(result.status == 2)
        #expect(result.stdout.contains("::error file=fixtures/invalid/dangling-reference/stage.yaml,line=10,col=13,title=freightline%3A spec.requestedFreight[0].origin.name::Warehouse `ap` not found"))
    }

    @Test func outputIsDeterministic() throws {
        let first = try CLI.run(["validate", "--config", "fixtures/invalid/stage-cycle", "--format", "json"])
        let second = try CLI.run(["validate", "--config", "fixtures/invalid/stage-cycle", "--format", "json"])
        #expect(first.stdout == second.stdout)
    }

    @Test func readsConfigFromAGitRefWithoutCheckout() throws {
        let repo = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: repo) }
        try CLI.git(["init", "-q"], in: repo)
        let kargo = repo.appendingPathComponent("kargo")
        try FileManager.default.copyItem(at: CLI.packageRoot.appendingPathComponent(Self.example), to: kargo)
        try CLI.git(["add", "."], in: repo)
        try CLI.git(["commit", "-q", "-m", "pipeline"], in: repo)
        try CLI.git(["tag", "good"], in: repo)
        // Break the work tree and a later commit; the tag must still validate.
        let stages = kargo.appendingPathComponent("stages.yaml")
        let text = try String(contentsOf: stages, encoding: .utf8).replacingOccurrences(of: "- test\n", with: "- tset\n")
        try text.write(to: stages, atomically: true, encoding: .utf8)
        try CLI.git(["commit", "-q", "-am", "typo"], in: repo)
        try FileManager.default.removeItem(at: kargo)

        let good = try CLI.run(["validate", "--repo", repo.path, "--ref", "good", "--config-path", "kargo"])
        #expect(good.status == 0, "\(good.output)")
        #expect(good.stdout.contains("4 Stages"))
        let bad = try CLI.run(["validate", "--repo", repo.path, "--ref", "main", "--config-path", "kargo", "--format", "github"])
        #expect(bad.status == 2)
        #expect(bad.stdout.contains("::error file=kargo/stages.yaml,line=33,col=9,title=freightline%3A spec.requestedFreight[0].sources.stages[0]::Stage `tset` not found in Project `kargo-demo`; did you mean `test`?"), "\(bad.output)")
        let missing = try CLI.run(["validate", "--repo", repo.path, "--ref", "nope", "--config-path", "kargo"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("cannot resolve 'nope' to a commit"), "\(missing.output)")
    }

    @Test func symlinkInAGitTreeLeadingOutsideIsRefused() throws {
        let repo = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: repo) }
        try CLI.git(["init", "-q"], in: repo)
        try "apiVersion: kargo.akuity.io/v1alpha1\nkind: Project\nmetadata:\n  name: demo\n"
            .write(to: repo.appendingPathComponent("project.yaml"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: repo.appendingPathComponent("escape.yaml").path, withDestinationPath: "../../etc/passwd")
        try CLI.git(["add", "."], in: repo)
        try CLI.git(["commit", "-q", "-m", "x"], in: repo)
        let result = try CLI.run(["validate", "--repo", repo.path, "--ref", "main"])
        #expect(result.status == 2)
        #expect(result.stdout.contains("escape.yaml:1:1: error: symbolic link leads outside the repository"))
    }

    @Test(arguments: ["kargo-e2e-argocd-update", "kargo-e2e-fixtures", "kargo-e2e-promotion-fail", "kargo-rendered-branches"])
    func corpusRepositoriesValidate(folder: String) throws {
        let path = CLI.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus/\(folder)").path
        try #require(FileManager.default.fileExists(atPath: path) || ProcessInfo.processInfo.environment["CI"] == "true")
        let result = try CLI.run(["validate", "--config", path])
        #expect(result.status == 0, "\(result.output)")
    }
}
