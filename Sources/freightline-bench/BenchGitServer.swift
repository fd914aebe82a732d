import Foundation

/// The project's local Git server (scripts/services.sh: nginx + fcgiwrap + git
/// http-backend, basic auth, a free loopback port), and the git CLI for the comparison
/// script and the fixture.
final class BenchGitServer {
    let runtime: String
    let baseURL: String
    let repositories: String
    let username: String
    let password: String

    init(runtime: String) throws {
        self.runtime = runtime
        let output = try Self.shell(["scripts/services.sh", "start", "git"], environment: ["FREIGHTLINE_SERVICES_DIR": runtime])
        var values: [String: String] = [:]
        for line in output.split(separator: "\n") where line.hasPrefix("export ") {
            let assignment = line.dropFirst("export ".count)
            if let equals = assignment.firstIndex(of: "=") {
                values[String(assignment[..<equals])] = String(assignment[assignment.index(after: equals)...])
            }
        }
        guard let url = values["FREIGHTLINE_GIT_URL"], let repos = values["FREIGHTLINE_GIT_REPOS"],
              let user = values["FREIGHTLINE_GIT_USERNAME"], let pass = values["FREIGHTLINE_GIT_PASSWORD"] else {
            throw BenchError("scripts/services.sh start git printed no server address:\n\(output)")
        }
        baseURL = url
        repositories = repos
        username = user
        password = pass
    }

    func stop() {
        _ = try? Self.shell(["scripts/services.sh", "stop", "git"], environment: ["FREIGHTLINE_SERVICES_DIR": runtime])
    }

    /// A bare repository with `manifests` small YAML files and env/test/kustomization.yaml.
    func seedRepository(named name: String, manifests: Int) throws -> String {
        let bare = repositories + "/" + name + ".git"
        let seed = runtime + "/seed-" + name
        try git(["init", "-q", "--bare", "-b", "main", bare], in: repositories)
        try git(["config", "http.receivepack", "true"], in: bare)
        try git(["init", "-q", "-b", "main", seed], in: repositories)
        for index in 0..<manifests {
            let folder = seed + "/apps/app-\(index / 20)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-\(index)\nspec:\n  replicas: \(index % 5 + 1)\n"
                .write(toFile: folder + "/deployment-\(index).yaml", atomically: true, encoding: .utf8)
        }
        try FileManager.default.createDirectory(atPath: seed + "/env/test", withIntermediateDirectories: true)
        try "# test environment\napiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- ../../apps\nimages:\n- name: ghcr.io/example/app\n  newTag: 1.0.0\n"
            .write(toFile: seed + "/env/test/kustomization.yaml", atomically: true, encoding: .utf8)
        try git(["add", "-A"], in: seed)
        try git(["commit", "-q", "-m", "seed"], in: seed)
        try git(["push", "-q", bare, "main"], in: seed)
        return baseURL + "/" + name + ".git"
    }

    /// What a team's CI script does today: clone, sed the tag, commit, push.
    func promoteWithGitCLI(url: String, folder: String, tag: String) throws {
        let header = "Authorization: Basic " + Data("\(username):\(password)".utf8).base64EncodedString()
        let script = """
            set -e
            git -c http.extraHeader="$AUTH" clone -q --branch main "$URL" src
            cd src
            sed -i "s/newTag: .*/newTag: $TAG/" env/test/kustomization.yaml
            git -c user.name=ci -c user.email=ci@localhost commit -q -am "Promote ghcr.io/example/app:$TAG to test"
            git -c http.extraHeader="$AUTH" push -q origin main
            """
        _ = try Self.shell(["/bin/bash", "-c", script], in: folder, environment: ["AUTH": header, "URL": url, "TAG": tag])
    }

    @discardableResult
    private func git(_ arguments: [String], in directory: String) throws -> String {
        try Self.shell(["git", "-c", "user.name=bench", "-c", "user.email=bench@localhost"] + arguments, in: directory)
    }

    @discardableResult
    static func shell(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        var merged = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        merged["GIT_CONFIG_NOSYSTEM"] = "1"
        merged["GIT_CONFIG_GLOBAL"] = "/dev/null"
        process.environment = merged
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let output = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw BenchError("\(arguments.joined(separator: " ")) exited \(process.terminationStatus):\n\(output)")
        }
        return output
    }
}
