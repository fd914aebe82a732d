import Pipeline

/// What a step held back in a dry run would have done, in words for the plan and the PR
/// comment ("would open a pull request …"), and the outputs later steps get in its place.
/// Pure: it reads only the step's evaluated config.
enum RemoteWriteDescription {
    /// The pull-request number a held-back `git-open-pr` hands on: one the later steps'
    /// schemas accept, recognised again so they say "the pull request it would open".
    static let heldBackPullRequest: Int64 = 2_147_483_647

    static func summary(uses: String, config: JSONValue) -> String {
        let fields = config.objectValue ?? [:]
        func text(_ key: String) -> String? { fields[key]?.stringValue }
        let repo = text("repoURL").map { " in \($0)" } ?? ""
        switch uses {
        case "git-open-pr":
            let title = text("title").map { " titled \"\($0)\"" } ?? ""
            return "would open a pull request from `\(text("sourceBranch") ?? "?")` into `\(text("targetBranch") ?? "?")`\(repo)\(title)"
        case "git-wait-for-pr":
            return "would wait for pull request \(pullRequest(fields))\(repo) to be merged"
        case "git-merge-pr":
            let method = text("mergeMethod").map { " (\($0))" } ?? ""
            return "would merge pull request \(pullRequest(fields))\(repo)\(method)"
        case "git-tag":
            return "would push tag `\(text("tag") ?? "?")`"
        case "argocd-update":
            return "would update " + applications(fields) + changes(fields) + " and sync"
        case "argocd-wait":
            return "would wait for " + applications(fields)
        case "http":
            return "would send \(text("method") ?? "GET") \(text("url") ?? "?")"
        default:
            return "would run `\(uses)`"
        }
    }

    /// Stand-in outputs, so the steps after a held-back one still evaluate.
    static func output(uses: String, config: JSONValue) -> [String: JSONValue] {
        var output: [String: JSONValue] = ["dryRun": .bool(true)]
        switch uses {
        case "git-open-pr":
            output["pr"] = .object(["id": .int(heldBackPullRequest), "url": .string("")])
            output["prNumber"] = .int(heldBackPullRequest)
        case "git-wait-for-pr", "git-merge-pr":
            // No merge commit exists; a readable stand-in keeps the next steps' configs valid.
            output["commit"] = .string("(merge commit)")
        case "argocd-update", "argocd-wait":
            output["apps"] = .array((config.objectValue?["apps"]?.arrayValue ?? []).map { app in
                .object(["name": app.objectValue?["name"] ?? .string(""), "namespace": app.objectValue?["namespace"] ?? .string("")])
            })
        default:
            break
        }
        return output
    }

    private static func pullRequest(_ fields: [String: JSONValue]) -> String {
        switch fields["prNumber"] {
        case .int(heldBackPullRequest)?: "(the one it would open)"
        case .int(let number)?: "#\(number)"
        case .string(let text)?: "#\(text)"
        default: "(the one opened before)"
        }
    }

    private static func applications(_ fields: [String: JSONValue]) -> String {
        let apps = fields["apps"]?.arrayValue ?? []
        let names = apps.map { app -> String in
            let entry = app.objectValue ?? [:]
            let namespace = entry["namespace"]?.stringValue.map { $0 + "/" } ?? ""
            if let name = entry["name"]?.stringValue { return "Application \(namespace)\(name)" }
            return "the Applications matching a label selector"
        }
        return names.isEmpty ? "no Application" : names.joined(separator: ", ")
    }

    private static func changes(_ fields: [String: JSONValue]) -> String {
        var parts: [String] = []
        for app in fields["apps"]?.arrayValue ?? [] {
            for source in app.objectValue?["sources"]?.arrayValue ?? [] {
                let entry = source.objectValue ?? [:]
                if entry["updateTargetRevision"] == .bool(true), let revision = entry["desiredRevision"]?.stringValue {
                    parts.append("targetRevision \(revision)")
                }
                for image in entry["kustomize"]?.objectValue?["images"]?.arrayValue ?? [] {
                    let item = image.objectValue ?? [:]
                    let version = item["tag"]?.stringValue.map { ":" + $0 } ?? item["digest"]?.stringValue.map { "@" + $0 } ?? ""
                    parts.append("image \(item["repoURL"]?.stringValue ?? "?")\(version)")
                }
                for image in entry["helm"]?.objectValue?["images"]?.arrayValue ?? [] {
                    let item = image.objectValue ?? [:]
                    parts.append("\(item["key"]?.stringValue ?? "?")=\(item["value"]?.stringValue ?? "?")")
                }
            }
        }
        return parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")"
    }
}
