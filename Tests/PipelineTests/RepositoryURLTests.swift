@testable import Pipeline
import Testing

/// Kargo's `pkg/urls` test tables, ported case for case, plus edge cases checked against the
/// Go code itself.
@Suite struct RepositoryURLTests {
    @Test("NormalizeGit: what cannot be normalized comes back as given", arguments: [
        ("https://not a url", "https://not a url"),
        ("http://github.com/example/repo?foo=bar", "http://github.com/example/repo?foo=bar"),
        ("ssh://not a url", "ssh://not a url"),
        ("ssh://github.com/example/repo?foo=bar", "ssh://github.com/example/repo?foo=bar"),
        ("not even remotely a url", "not even remotely a url"),
    ])
    func gitUnnormalizable(input: String, expected: String) {
        #expect(RepositoryURL.normalizeGit(input) == expected)
    }

    @Test("NormalizeGit: http(s) forms", arguments: [
        ("https://github.com", "https://github.com"),
        ("https://github.com/", "https://github.com"),
        ("https://foo:bar@github.com", "https://github.com"),
        ("https://foo:bar@github.com/", "https://github.com"),
        ("https://github.com/example/repo", "https://github.com/example/repo"),
        ("https://github.com/example/repo/", "https://github.com/example/repo"),
        ("https://github.com/example/repo.git", "https://github.com/example/repo"),
        ("https://github.com/example/repo.git/", "https://github.com/example/repo"),
        ("https://localhost:8443/example/repo", "https://localhost:8443/example/repo"),
        ("https://localhost:8443/example/repo/", "https://localhost:8443/example/repo"),
        ("https://localhost:8443/example/repo.git", "https://localhost:8443/example/repo"),
        ("https://localhost:8443/example/repo.git/", "https://localhost:8443/example/repo"),
        ("https://foo:bar@github.com/example/repo", "https://github.com/example/repo"),
        ("https://foo:bar@github.com/example/repo/", "https://github.com/example/repo"),
        ("https://foo:bar@github.com/example/repo.git", "https://github.com/example/repo"),
        ("https://foo:bar@github.com/example/repo.git/", "https://github.com/example/repo"),
        ("https://foo:bar@localhost:8443/example/repo", "https://localhost:8443/example/repo"),
        ("https://foo:bar@localhost:8443/example/repo/", "https://localhost:8443/example/repo"),
        ("https://foo:bar@localhost:8443/example/repo.git", "https://localhost:8443/example/repo"),
        ("https://foo:bar@localhost:8443/example/repo.git/", "https://localhost:8443/example/repo"),
    ])
    func gitHTTP(input: String, expected: String) {
        #expect(RepositoryURL.normalizeGit(input) == expected)
    }

    @Test("NormalizeGit: ssh:// forms keep the user", arguments: [
        ("ssh://git.example.com", "ssh://git.example.com"),
        ("ssh://git.example.com/", "ssh://git.example.com"),
        ("ssh://git@git.example.com", "ssh://git@git.example.com"),
        ("ssh://git@git.example.com/", "ssh://git@git.example.com"),
        ("ssh://github.com/example/repo", "ssh://github.com/example/repo"),
        ("ssh://github.com/example/repo/", "ssh://github.com/example/repo"),
        ("ssh://github.com/example/repo.git", "ssh://github.com/example/repo"),
        ("ssh://github.com/example/repo.git/", "ssh://github.com/example/repo"),
        ("ssh://localhost:2222/example/repo", "ssh://localhost:2222/example/repo"),
        ("ssh://localhost:2222/example/repo/", "ssh://localhost:2222/example/repo"),
        ("ssh://localhost:2222/example/repo.git", "ssh://localhost:2222/example/repo"),
        ("ssh://localhost:2222/example/repo.git/", "ssh://localhost:2222/example/repo"),
        ("ssh://git@github.com/example/repo", "ssh://git@github.com/example/repo"),
        ("ssh://git@github.com/example/repo/", "ssh://git@github.com/example/repo"),
        ("ssh://git@github.com/example/repo.git", "ssh://git@github.com/example/repo"),
        ("ssh://git@github.com/example/repo.git/", "ssh://git@github.com/example/repo"),
        ("ssh://git@localhost:2222/example/repo", "ssh://git@localhost:2222/example/repo"),
        ("ssh://git@localhost:2222/example/repo/", "ssh://git@localhost:2222/example/repo"),
        ("ssh://git@localhost:2222/example/repo.git", "ssh://git@localhost:2222/example/repo"),
        ("ssh://git@localhost:2222/example/repo.git/", "ssh://git@localhost:2222/example/repo"),
    ])
    func gitSSH(input: String, expected: String) {
        #expect(RepositoryURL.normalizeGit(input) == expected)
    }

    @Test("NormalizeGit: scp-style forms", arguments: [
        ("git.example.com", "ssh://git.example.com"),
        ("git@git.example.com", "ssh://git@git.example.com"),
        ("github.com:example/repo", "ssh://github.com/example/repo"),
        ("github.com:example/repo/", "ssh://github.com/example/repo"),
        ("github.com:example/repo.git", "ssh://github.com/example/repo"),
        ("github.com:example/repo.git/", "ssh://github.com/example/repo"),
        ("git@github.com:example/repo", "ssh://git@github.com/example/repo"),
        ("git@github.com:example/repo/", "ssh://git@github.com/example/repo"),
        ("git@github.com:example/repo.git", "ssh://git@github.com/example/repo"),
        ("git@github.com:example/repo.git/", "ssh://git@github.com/example/repo"),
    ])
    func gitSCP(input: String, expected: String) {
        #expect(RepositoryURL.normalizeGit(input) == expected)
    }

    /// Outputs of Kargo's Go code (net/url, regexp) for inputs its table does not cover.
    @Test("NormalizeGit: edge cases as Go computes them", arguments: [
        ("https://github.com/Example/App.git", "https://github.com/example/app"),
        ("HTTPS://GitHub.com/İ/Repo", "https://github.com/i/repo"),
        ("\u{FEFF}  https://github.com/a/b.git\n", "https://github.com/a/b"),
        ("https://github.com/a/b.git#main", "https://github.com/a/b#main"),
        ("https://github.com/a/b.git?", "https://github.com/a/b?"),
        ("https://x/r?a;b", "https://x/r?a;b"),
        ("https://x/r?=", "https://x/r?="),
        ("https://x/%41b.git", "https://x/Ab"),  // lowercased before unescaping
        ("https://x/a%2fb.git", "https://x/a/b"),
        ("https://x/a b/c.git", "https://x/a%20b/c"),
        ("https://x/r.git/ ", "https://x/r"),
        ("https://ü@x/r", "https://ü@x/r"),
        ("ssh://us%40er@x/r.git", "ssh://us%40er@x/r"),
        ("host:a%3ab.git", "ssh://host/./a:b"),
        ("host:a:/x", "ssh://host/a:/x"),
        ("host:a:b", "ssh://host"),
        ("host://x/y", "ssh://host///x/y"),
        ("host:/abs/path.git", "ssh://host//abs/path"),
        ("https://[::1]:8080/r.git", "https://[::1]:8080/r"),
        // Go 1.26 (Kargo's toolchain) refuses a second colon in a host and IPv4 in brackets.
        ("HTTPS://localhost:80:80/R.git", "HTTPS://localhost:80:80/R.git"),
        ("https://[1.2.3.4]/r.git", "https://[1.2.3.4]/r.git"),
        ("", ""),
    ])
    func gitEdgeCases(input: String, expected: String) {
        #expect(RepositoryURL.normalizeGit(input) == expected)
    }

    @Test("NormalizeChart", arguments: [
        ("", ""),
        ("repo", "repo"),
        ("  repo  ", "repo"),
        ("REpo", "repo"),
        ("oci://repo", "repo"),
        ("  oci://repo  ", "repo"),
        ("OCI://Repo", "repo"),
        ("oci://docker.io/example/repo", "example/repo"),
        ("docker.io/example/repo", "example/repo"),
        ("oci://index.docker.io/example/repo", "example/repo"),
        ("index.docker.io/example/repo", "example/repo"),
        ("oci://registry-1.docker.io/example/repo", "example/repo"),
        ("registry-1.docker.io/example/repo", "example/repo"),
        // Edge cases as Go computes them.
        ("https://Charts.Example.com", "https://charts.example.com"),
        ("oci://ghcr.io/Org/Chart:1.0", "ghcr.io/org/chart"),
        ("oci://localhost:5000/charts/app", "localhost:5000/charts/app"),
        // Go 1.26 refuses the host `x:yhttp:`, so url.Parse fails and the input is kept.
        ("https://x:yhttp://postgres://%2F/", "https://x:yhttp://postgres://%2F/"),
        ("%zz", "%zz"),
    ])
    func chart(input: String, expected: String) {
        #expect(RepositoryURL.normalizeChart(input) == expected)
    }

    @Test("NormalizeImage", arguments: [
        ("index.docker.io/library/busybox", "busybox"),
        ("index.docker.io/busybox", "busybox"),
        ("registry-1.docker.io/library/busybox", "busybox"),
        ("registry-1.docker.io/busybox", "busybox"),
        ("docker.io/library/busybox", "busybox"),
        ("docker.io/busybox", "busybox"),
        ("library/busybox", "busybox"),
        ("busybox", "busybox"),
        ("index.docker.io/example/repo", "example/repo"),
        ("docker.io/example/repo", "example/repo"),
        ("example/repo", "example/repo"),
        ("ghcr.io/example/repo", "ghcr.io/example/repo"),
        ("quay.io/example/repo", "quay.io/example/repo"),
        ("invalid url", "invalid url"),
        // Edge cases as Go computes them.
        ("Nginx:1.25", "nginx"),
        ("nginx@sha256:" + String(repeating: "a", count: 64), "nginx"),
        ("nginx@sha256:abc", "nginx@sha256:abc"),
        ("localhost/foo", "localhost/foo"),
        ("localhost:5000/foo:bar", "localhost:5000/foo"),
        ("x/y:", "x/y:"),
        ("A", "a"),  // one-character repositories are valid (go-containerregistry #2407)
        ("Bx:yx:yoci://", "Bx:yx:yoci://"),  // registry `bx:yx:yoci:` has colons Go 1.26 refuses
    ])
    func image(input: String, expected: String) {
        #expect(RepositoryURL.normalizeImage(input) == expected)
    }
}
