import ArgumentParser
import Foundation
import GitStore
import Pipeline
import Reconciler

/// `freightline history`: who promoted, approved, held, rejected or verified what, when and
/// why, answered from the state ref's commits and their trailers alone.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show the audit trail: every promotion, request, approval, hold, rejection and verification.",
        discussion: """
            Reads the commits of the state ref (newest first) and their Freightline-* trailers; no state file is needed, so it works on any history, even one whose configuration no longer loads. Each entry has the time the run recorded (its --now), the kind, the Stages and Freight, the actor (the Freightline-Actor trailer, else the commit's author) and the reason.

            --since takes an RFC 3339 time or a Go duration back from --now (24h, 7d is not a Go duration: use 168h).

            \(ExitStatus.helpText)
            """
    )

    @OptionGroup var source: ConfigOptions
    @OptionGroup var stateOptions: StateOptions

    @Option(name: .long, help: "Only this Project.") var project: String?
    @Option(name: .long, help: "Only this Stage (`stage` or `project/stage`).") var stage: String?
    @Option(name: .long, help: "Only this Freight (name or alias).") var freight: String?
    @Option(name: .long, help: ArgumentHelp("Only entries at or after this time (RFC 3339) or this long before --now (Go duration).", valueName: "time|duration"))
    var since: String?
    @Option(name: .long, help: "Output format: table or json.") var format: HistoryFormat = .table

    func validate() throws {
        if let since, Timestamp(rfc3339: since) == nil, (try? GoDuration(parsing: since)) == nil {
            throw ValidationError("--since \(since) is neither an RFC 3339 time nor a Go duration (e.g. 2026-11-23T00:00:00Z, 24h)")
        }
    }

    func run() throws {
        guard let repo = source.repo else {
            Output.error("error: history reads the state ref's commits: give --repo URL|PATH (and --state-ref if it is not \(stateOptions.stateRef))")
            throw ExitStatus.badInput.exitCode
        }
        let environment = ProcessInfo.processInfo.environment
        let events: [HistoryEvent]
        var aliases: [String: String] = [:]
        do {
            let credentials = try CredentialStore.load(path: stateOptions.credentials, environment: environment)
            let session = try RepositorySession(location: repo, cache: GitCache(root: stateOptions.cacheRoot), credentials: credentials)
            guard let tip = try session.repository.remoteReference(stateOptions.stateRef) else {
                Output.print("No history: \(stateOptions.stateRef) does not exist yet (nothing has been recorded).")
                return
            }
            let commits = try session.repository.log(from: tip)
            events = StateHistory.events(commits.map { commit in
                (id: commit.id.hex, message: commit.message, author: commit.author.name,
                 time: Timestamp(secondsSinceEpoch: commit.author.secondsSinceEpoch))
            })
            // Aliases make the trail readable; they come from the state as it is now.
            if let state = try? session.stateStore(branch: stateOptions.stateRef, author: GitSignature(
                name: "Freightline", email: "freightline@localhost", time: (0, 0))).load().state {
                for item in state.freight { if let alias = item.alias { aliases[item.metadata.name] = alias } }
            }
        } catch let error as RepositoryAccessError {
            Output.error("error: \(error)")
            if case .badInput = error { throw ExitStatus.badInput.exitCode }
            throw ExitStatus.environment.exitCode
        } catch {
            Output.error("error: \(error)")
            throw ExitStatus.environment.exitCode
        }
        var sinceTime: Timestamp?
        if let since {
            sinceTime = Timestamp(rfc3339: since)
                ?? (try? GoDuration(parsing: since)).map { stateOptions.time.adding(seconds: -$0.seconds) }
        }
        let freightName = freight.map { wanted in aliases.first { $0.value == wanted }?.key ?? wanted }
        let shown = StateHistory.filter(events, project: project, stage: stage, freight: freightName, since: sinceTime)
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = (try? encoder.encode(shown)) ?? Data("[]".utf8)
            Output.print(String(decoding: data, as: UTF8.self))
        case .table:
            guard !shown.isEmpty else {
                Output.print("No history entries match.")
                return
            }
            var table = TextTable(headers: ["TIME", "KIND", "STAGE", "FREIGHT", "ACTOR", "WHAT"])
            for event in shown {
                let freight = event.freight.map { aliases[$0] ?? String($0.prefix(7)) }.joined(separator: ", ")
                table.rows.append([event.time.rfc3339, event.kind.rawValue, event.stages.joined(separator: ", "), freight,
                                   event.actor, event.summary])
            }
            Output.print(table.render())
        }
    }
}

enum HistoryFormat: String, CaseIterable, ExpressibleByArgument {
    case table
    case json
}
