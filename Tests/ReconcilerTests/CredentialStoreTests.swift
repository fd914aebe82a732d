import Foundation
import Testing
@testable import Reconciler

@Suite struct CredentialStoreTests {
    private func write(_ text: String) throws -> String {
        let folder = try ReconcilerFixtures.temporaryFolder("creds")
        try text.write(toFile: folder + "/creds.yaml", atomically: true, encoding: .utf8)
        return folder
    }

    private let secrets = """
        apiVersion: v1
        kind: Secret
        metadata:
          name: exact
          labels: {kargo.akuity.io/cred-type: git}
        stringData:
          repoURL: https://git.example.com/org/ops.git
          username: bot
          password: ${OPS_TOKEN}
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: pattern
          labels: {kargo.akuity.io/cred-type: git}
        data:
          repoURL: aHR0cHM6Ly9naXQuZXhhbXBsZS5jb20vb3JnLy4q
          repoURLIsRegex: dHJ1ZQ==
          username: cmVnZXg=
          password: cmVnZXgtc2VjcmV0
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: api
          labels: {kargo.akuity.io/cred-type: generic}
        stringData:
          token: literal-$${NOT_A_VAR}
        """

    @Test func exactBeatsPatternBeatsEnvironment() throws {
        let folder = try write(secrets)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try CredentialStore.load(path: folder, environment: [
            "OPS_TOKEN": "s3cret-token", "FREIGHTLINE_GIT_USERNAME": "env", "FREIGHTLINE_GIT_PASSWORD": "env-pass",
        ])
        #expect(store.git(for: "https://git.example.com/org/ops")?.username == "bot")
        #expect(store.git(for: "https://git.example.com/org/other.git")?.username == "regex")
        #expect(store.git(for: "https://elsewhere.example.com/x.git")?.username == "env")
        #expect(store.generic["api"]?["token"] == "literal-${NOT_A_VAR}")
        #expect(!"\(store.git(for: "https://git.example.com/org/ops")!)".contains("s3cret-token"))
    }

    @Test func aMissingVariableIsNamedButNoValueShown() throws {
        let folder = try write(secrets)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(throws: CredentialError.undefinedVariable(secret: "exact", key: "password", variable: "OPS_TOKEN")) {
            try CredentialStore.load(path: folder, environment: [:])
        }
    }

    @Test func aMissingPathIsAnError() {
        #expect(throws: CredentialError.missing("/nonexistent/creds")) {
            try CredentialStore.load(path: "/nonexistent/creds", environment: [:])
        }
    }
}

/// The pull-request steps' token and API, and the Argo CD server, from the same files.
@Suite struct IntegrationCredentialTests {
    private func load(_ text: String, environment: [String: String] = [:]) throws -> CredentialStore {
        let folder = try ReconcilerFixtures.temporaryFolder("creds")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try text.write(toFile: folder + "/creds.yaml", atomically: true, encoding: .utf8)
        return try CredentialStore.load(path: folder, environment: environment)
    }

    @Test func aGitSecretGivesTheHostingTokenAndItsAPI() throws {
        let store = try load("""
            apiVersion: v1
            kind: Secret
            metadata:
              name: ops
              labels: {kargo.akuity.io/cred-type: git}
            stringData:
              repoURL: https://git.corp.example/platform/ops.git
              username: bot
              password: ${OPS_TOKEN}
              apiURL: https://git.corp.example/gitlab/api/v4
              provider: gitlab
            """, environment: ["OPS_TOKEN": "glpat-123456"])
        let access = try #require(store.gitHosting(for: "https://git.corp.example/platform/ops"))
        #expect(access.token == "glpat-123456")
        #expect(access.apiURL == "https://git.corp.example/gitlab/api/v4")
        #expect(access.provider == "gitlab")
        #expect(store.gitHosting(for: "https://github.com/other/repo.git") == nil)
        #expect(store.secretValues.contains("glpat-123456"))
    }

    @Test func anArgoCDSecretOrTheEnvironmentNamesTheServer() throws {
        let store = try load("""
            apiVersion: v1
            kind: Secret
            metadata:
              name: argocd
              labels: {freightline.dev/cred-type: argocd}
            stringData:
              server: https://argocd.example.com
              token: ${ARGOCD_TOKEN}
            """, environment: ["ARGOCD_TOKEN": "argo-token-1"])
        #expect(store.argoCD?.server.absoluteString == "https://argocd.example.com")
        #expect(store.argoCD?.token == "argo-token-1")
        #expect(store.argoCD?.defaultNamespace == "argocd")
        #expect(store.generic["argocd"] == nil)  // not readable by secret() in expressions
        #expect(store.secretValues.contains("argo-token-1"))

        let fromEnvironment = try CredentialStore.load(path: nil, environment: [
            "FREIGHTLINE_ARGOCD_SERVER": "http://127.0.0.1:8080", "FREIGHTLINE_ARGOCD_TOKEN": "t0ken-env",
            "FREIGHTLINE_ARGOCD_NAMESPACE": "gitops",
        ])
        #expect(fromEnvironment.argoCD?.defaultNamespace == "gitops")
    }

    @Test(arguments: [
        ("server: not a url\n  token: x", "must be the Argo CD server's URL"),
        ("server: https://argocd.example.com", "no Argo CD `token`"),
    ])
    func aBrokenArgoCDSecretSaysWhat(values: String, message: String) throws {
        do {
            _ = try load("""
                apiVersion: v1
                kind: Secret
                metadata:
                  name: argocd
                  labels: {freightline.dev/cred-type: argocd}
                stringData:
                  \(values)
                """)
            Issue.record("loaded")
        } catch {
            #expect("\(error)".contains(message), "\(error)")
        }
    }
}
