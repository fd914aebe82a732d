import Foundation
import GitStore
import Pipeline
import Reconciler

/// `history` on a state ref of 10,000 commits (issue: under a second): the commits are
/// written with `git fast-import` (a bench may use the git CLI; the product never does),
/// each with the trailers Freightline writes, then read back with the same code the
/// command uses, and the figure printed next to the one-second target.
struct HistoryBenchmark {
    var commits = 10_000

    func run() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("freightline-history-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try git(["init", "-q", "--bare", folder])
        var stream = ""
        let stages = ["test", "uat", "prod-us", "prod-eu"]
        let reasons = ["claim", "promotion succeeded", "verification successful", "approved", "discovery"]
        for index in 0..<commits {
            let stage = stages[index % stages.count]
            let time = 1_795_000_000 + index * 60
            let freight = String(format: "%040x", index / 7)
            let message = """
                Step \(index) of \(stage)

                Freightline-Run: bench\(index % 50)
                Freightline-Stage: demo-\(index % 40)/\(stage)
                Freightline-Freight: \(freight)
                Freightline-Reason: \(reasons[index % reasons.count])

                """
            stream += "commit refs/heads/freightline/state\n"
            stream += "committer Freightline <freightline@localhost> \(time) +0000\n"
            stream += "data \(message.utf8.count)\n\(message)\n"
            if index == 0 { stream += "M 644 inline freightline.yaml\ndata 10\nversion 1\n\n" }
        }
        try git(["--git-dir", folder, "fast-import", "--quiet"], input: stream)

        let repository = try GitRepository(path: folder)
        let tip = try repository.resolve("refs/heads/freightline/state")
        var count = 0
        var stageEvents = 0
        let elapsed = try seconds {
            let log = try repository.log(from: tip)
            let events = StateHistory.events(log.map { commit in
                (id: commit.id.hex, message: commit.message, author: commit.author.name,
                 time: Timestamp(secondsSinceEpoch: commit.author.secondsSinceEpoch))
            })
            count = events.count
            stageEvents = StateHistory.filter(events, stage: "demo-7/prod-eu").count
        }
        print("History of a state ref with \(commits) commits (freightline history):")
        print(String(format: "  read and parsed %d commits in %.3f s (target: under 1 s; ratio to target %.2f); --stage filter kept %d",
                     count, elapsed, elapsed / 1.0, stageEvents))
    }

    private func git(_ arguments: [String], input: String? = nil) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        process.arguments = arguments
        let pipe = Pipe()
        if input != nil { process.standardInput = pipe }
        try process.run()
        if let input {
            pipe.fileHandleForWriting.write(Data(input.utf8))
            try pipe.fileHandleForWriting.close()
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw NSError(domain: "bench", code: Int(process.terminationStatus),
                          userInfo: [NSLocalizedDescriptionKey: "git \(arguments.first ?? "") failed"])
        }
    }
}
