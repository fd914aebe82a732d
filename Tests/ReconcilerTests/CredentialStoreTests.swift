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
