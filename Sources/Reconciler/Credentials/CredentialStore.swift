import ArgoCD
import Foundation
import GitHosting
import GitStore
import Manifests
import Pipeline

/// Credentials for remotes, as Kargo keeps them: Secrets labelled
/// `kargo.akuity.io/cred-type: git|image|helm|generic` with `repoURL` (exact after
/// normalisation, or a regular expression with `repoURLIsRegex: "true"`), `username` and
/// `password` (or `sshPrivateKey` for SSH remotes); plus `FREIGHTLINE_GIT_USERNAME` / `FREIGHTLINE_GIT_PASSWORD` for any Git
/// remote no Secret names. Values may be `${VAR}` references to the environment, so the
/// file itself can be committed to a private ops repository without secrets in it.
public struct CredentialStore: Sendable {
    struct Entry: Sendable {
        var secret: String
        var type: CredentialType
        var repoURL: String
        /// `repoURL` is a regular expression (`repoURLIsRegex: "true"`).
        var isPattern: Bool
        var username: String
        var password: String
        /// A PEM private key for SSH remotes (Kargo's `sshPrivateKey`).
        var sshPrivateKey: String?
        /// Freightline's own keys for the pull-request steps: where the hosting provider's
        /// API is and which provider it is, when the repository URL does not say.
        var apiURL: String?
        var provider: String?

        var gitCredentials: GitCredentials {
            if let sshPrivateKey, !sshPrivateKey.isEmpty {
                return .sshKey(username: username.isEmpty ? "git" : username, privateKey: sshPrivateKey)
            }
            return GitCredentials(username: username, password: password)
        }
    }

    private var entries: [Entry] = []
    private var fallbackGit: GitCredentials?
    private var fallbackPassword: String?
    /// Generic Secrets by name (data decoded), for `secret()` in expressions.
    public private(set) var generic: [String: [String: String]] = [:]
    /// Every Secret read, labelled or not, by name (data decoded): what an analysis
    /// template's `valueFrom.secretKeyRef` arguments name.
    public private(set) var secretsByName: [String: [String: String]] = [:]
    /// The Argo CD server for the `argocd-*` steps and Argo CD health checks: a Secret
    /// labelled `freightline.dev/cred-type: argocd` (`server`, `token`, optional
    /// `namespace`), else `FREIGHTLINE_ARGOCD_SERVER` and `FREIGHTLINE_ARGOCD_TOKEN`.
    public private(set) var argoCD: ArgoCDAccess?

    /// The label naming a Secret as Freightline's (rather than Kargo's) kind of credential.
    public static let freightlineTypeLabel = "freightline.dev/cred-type"

    public init() {}

    /// Reads `path` (a file or folder of Secret YAML; nil for none) and the environment.
    public static func load(path: String?, environment: [String: String]) throws(CredentialError) -> CredentialStore {
        var store = CredentialStore()
        if let user = environment["FREIGHTLINE_GIT_USERNAME"], let password = environment["FREIGHTLINE_GIT_PASSWORD"],
           !user.isEmpty || !password.isEmpty {
            store.fallbackGit = GitCredentials(username: user, password: password)
            store.fallbackPassword = password
        }
        if let server = environment["FREIGHTLINE_ARGOCD_SERVER"], !server.isEmpty {
            store.argoCD = try argoCDAccess(server: server, token: environment["FREIGHTLINE_ARGOCD_TOKEN"],
                                            namespace: environment["FREIGHTLINE_ARGOCD_NAMESPACE"],
                                            source: "FREIGHTLINE_ARGOCD_SERVER")
        }
        guard let path else { return store }
        // Credential Secrets live outside any Project, so they are read as plain
        // Secrets (no namespace needed), not through the pipeline loader.
        var secrets: [Secret] = []
        do {
            let source = try CredentialSource(path: path)
            for entry in try source.files() {
                var sink = DiagnosticSink()
                for document in YAMLReader.documents(from: try source.read(entry), file: entry.displayPath, sink: &sink) {
                    guard document.root["kind"]?.string == "Secret" else { continue }
                    do {
                        secrets.append(try NodeDecoder().decode(Secret.self, from: document.root))
                    } catch {
                        throw CredentialError.unreadable("\(entry.displayPath): a Secret does not decode: \(error)")
                    }
                }
                if let problem = sink.sorted.first(where: { $0.severity == .error }) {
                    throw CredentialError.unreadable("\(problem.location): \(problem.message)")
                }
            }
        } catch let error as CredentialError {
            throw error
        } catch {
            throw .unreadable("\(error)")
        }
        for secret in secrets.sorted(by: { $0.metadata.name < $1.metadata.name }) {
            let values = try decodedValues(of: secret, environment: environment)
            store.secretsByName[secret.metadata.name] = values
            if secret.metadata.labels?[freightlineTypeLabel] == "argocd" {
                store.argoCD = try argoCDAccess(server: values["server"], token: values["token"],
                                                namespace: values["namespace"], source: "Secret \(secret.metadata.name)")
                continue
            }
            guard let type = secret.credentialType else { continue }
            if type == .generic { store.generic[secret.metadata.name] = values }
            guard let repoURL = values["repoURL"] else { continue }
            var entry = Entry(secret: secret.metadata.name, type: type, repoURL: repoURL, isPattern: false,
                              username: values["username"] ?? "", password: values["password"] ?? "",
                              sshPrivateKey: values["sshPrivateKey"], apiURL: values["apiURL"], provider: values["provider"])
            if values["repoURLIsRegex"] == "true" {
                guard (try? Regex(repoURL)) != nil else { throw .badRegex(secret: secret.metadata.name, pattern: repoURL) }
                entry.isPattern = true
            }
            store.entries.append(entry)
        }
        return store
    }

    /// Credentials for a Git remote: an exact `repoURL` first, then the first pattern
    /// that matches, then the environment's.
    public func git(for url: String) -> GitCredentials? {
        func normalize(_ text: String) -> String { RepositoryURL.normalizeGit(text) }
        return entry(for: url, type: .git, normalize: normalize)?.gitCredentials ?? fallbackGit
    }

    /// The token (the credential's `password`) and API of the hosting provider behind a
    /// Git repository URL, for the pull-request steps.
    public func gitHosting(for url: String) -> GitHostingAccess? {
        if let found = entry(for: url, type: .git, normalize: { RepositoryURL.normalizeGit($0) }) {
            guard !found.password.isEmpty else { return nil }
            return GitHostingAccess(token: found.password, apiURL: found.apiURL, provider: found.provider)
        }
        return fallbackPassword.flatMap { $0.isEmpty ? nil : GitHostingAccess(token: $0) }
    }

    /// Checks an Argo CD server setting: an http(s) URL and a token.
    private static func argoCDAccess(server: String?, token: String?, namespace: String?,
                                     source: String) throws(CredentialError) -> ArgoCDAccess {
        guard let server, let url = URL(string: server), let scheme = url.scheme?.lowercased(),
              ["http", "https"].contains(scheme), url.host?.isEmpty == false else {
            throw .unreadable("\(source): `server` must be the Argo CD server's URL, like https://argocd.example.com")
        }
        guard let token, !token.isEmpty else {
            throw .unreadable("\(source): no Argo CD `token` is given (an API token of an Argo CD account)")
        }
        return ArgoCDAccess(server: url, token: token, defaultNamespace: namespace.flatMap { $0.isEmpty ? nil : $0 } ?? "argocd")
    }

    /// A username and password for an image registry or a Helm repository: a Secret of that
    /// type whose `repoURL` matches exactly (Kargo's normalised form) or as a pattern.
    public func basicAuth(for url: String, type: CredentialType) -> (username: String, password: String)? {
        func normalize(_ text: String) -> String {
            type == .image ? RepositoryURL.normalizeImage(text) : RepositoryURL.normalizeChart(text)
        }
        guard let found = entry(for: url, type: type, normalize: normalize) else { return nil }
        return (found.username, found.password)
    }

    /// Kargo's lookup: the Secret of `type` whose `repoURL` equals `url` once both are
    /// normalised; else the first whose pattern matches `url` as given or normalised.
    private func entry(for url: String, type: CredentialType, normalize: (String) -> String) -> Entry? {
        let wanted = normalize(url)
        let candidates = entries.filter { $0.type == type }
        if let exact = candidates.first(where: { !$0.isPattern && normalize($0.repoURL) == wanted }) {
            return exact
        }
        return candidates.first { entry in
            guard entry.isPattern, let pattern = try? Regex(entry.repoURL) else { return false }
            return (try? pattern.firstMatch(in: url)) != nil || (try? pattern.firstMatch(in: wanted)) != nil
        }
    }

    /// The passwords, keys and tokens steps authenticate with (not other Secret values,
    /// which may be ordinary words like `true`), for masking in promotion messages.
    public var credentialValues: [String] {
        (entries.map(\.password) + entries.compactMap(\.sshPrivateKey) + [fallbackPassword, argoCD?.token].compactMap { $0 })
            .filter { $0.count >= 4 }
    }

    /// Every secret value known, so messages can be scrubbed of any that slipped in.
    public var secretValues: [String] {
        (entries.map(\.password) + entries.compactMap(\.sshPrivateKey) + [fallbackPassword, argoCD?.token].compactMap { $0 }
            + generic.values.flatMap(\.values)
            + secretsByName.values.flatMap { $0.filter { !["repoURL", "repoURLIsRegex", "username"].contains($0.key) }.values })
            .filter { $0.count >= 4 }
    }

    private static func decodedValues(of secret: Secret, environment: [String: String]) throws(CredentialError) -> [String: String] {
        var values: [String: String] = [:]
        for (key, encoded) in secret.data ?? [:] {
            guard let data = Data(base64Encoded: encoded.filter { !$0.isWhitespace }) else {
                throw .badBase64(secret: secret.metadata.name, key: key)
            }
            values[key] = String(decoding: data, as: UTF8.self)
        }
        for (key, text) in secret.stringData ?? [:] { values[key] = text }
        for (key, text) in values {
            values[key] = try expand(text, secret: secret.metadata.name, key: key, environment: environment)
        }
        return values
    }

    /// `${VAR}` → the variable's value; `$${` stays a literal `${`.
    static func expand(_ text: String, secret: String, key: String, environment: [String: String]) throws(CredentialError) -> String {
        guard text.contains("${") else { return text }
        var result = ""
        var rest = Substring(text)
        while let start = rest.range(of: "${") {
            if rest[..<start.lowerBound].hasSuffix("$") {
                result += rest[..<rest.index(before: start.lowerBound)] + "${"
                rest = rest[start.upperBound...]
                continue
            }
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else { break }
            result += rest[..<start.lowerBound]
            let name = String(rest[start.upperBound..<end])
            guard let value = environment[name] else { throw .undefinedVariable(secret: secret, key: key, variable: name) }
            result += value
            rest = rest[rest.index(after: end)...]
        }
        return result + rest
    }
}
