import Crypto

/// Freight names and FreightCollection ids exactly as Kargo computes them
/// (`GenerateFreightID`, `FreightCollection.UpdateOrPush`): the same content always has the
/// same name, here and in Kargo, so state written by either is read by the other.
public enum FreightIdentity {
    /// Lowercase hex SHA-1 of `<kind>/<name>:<parts>`, one part per artifact, parts sorted
    /// bytewise and joined by `|`; the order of artifacts never matters.
    public static func name(
        origin: FreightOrigin,
        commits: [GitCommit],
        images: [Image],
        charts: [Chart],
        artifacts: [ArtifactReference]
    ) -> String {
        name(
            originString: "\(origin.kind.rawValue)/\(origin.name)",
            parts: commits.map(part) + images.map(part) + charts.map(part) + artifacts.map(part)
        )
    }

    /// The name Kargo gives `freight`, from its origin and artifacts (never from its metadata).
    public static func name(of freight: Freight) -> String {
        name(
            origin: freight.origin,
            commits: freight.commits ?? [],
            images: freight.images ?? [],
            charts: freight.charts ?? [],
            artifacts: freight.artifacts ?? []
        )
    }

    /// A Stage's FreightCollection id: SHA-1 of its Freight names, sorted and joined by `,`.
    public static func collectionID(_ freightNames: [String]) -> String {
        sha1Hex(sortedBytewise(freightNames).joined(separator: ","))
    }

    /// The hash over an already rendered origin (`FreightOrigin.String()`), for origins whose
    /// kind Freightline does not model.
    static func name(originString: String, parts: [String]) -> String {
        sha1Hex("\(originString):\(sortedBytewise(parts).joined(separator: "|"))")
    }

    // MARK: Parts

    /// `<normalized repo>[:<tag>]:<id>[:<subscription>]`: the tag counts, since one commit
    /// can gain a release tag later and must then become new Freight.
    static func part(_ commit: GitCommit) -> String {
        let repo = RepositoryURL.normalizeGit(commit.repoURL ?? "")
        let id = commit.id ?? ""
        var base = "\(repo):\(id)"
        if let tag = commit.tag, !tag.isEmpty { base = "\(repo):\(tag):\(id)" }
        return withSubscription(base, commit.subscriptionName)
    }

    /// `<repo as written>:<tag>@<digest>[:<subscription>]`: both tag and digest, since a
    /// mutable tag can move to a new digest and a digest can be re-tagged.
    static func part(_ image: Image) -> String {
        let base = "\(image.repoURL ?? ""):\(image.tag ?? "")@\(image.digest ?? "")"
        return withSubscription(base, image.subscriptionName)
    }

    /// `path.Join(<normalized repo>, <name>):<version>[:<subscription>]`.
    static func part(_ chart: Chart) -> String {
        let location = goPathJoin(RepositoryURL.normalizeChart(chart.repoURL ?? ""), chart.name ?? "")
        return withSubscription("\(location):\(chart.version ?? "")", chart.subscriptionName)
    }

    /// `<artifactType>:<subscription>:<version>`.
    static func part(_ artifact: ArtifactReference) -> String {
        "\(artifact.artifactType ?? ""):\(artifact.subscriptionName ?? ""):\(artifact.version ?? "")"
    }

    private static func withSubscription(_ base: String, _ subscription: String?) -> String {
        guard let subscription, !subscription.isEmpty else { return base }
        return "\(base):\(subscription)"
    }

    // MARK: Go semantics

    /// Go's `slices.Sort` on strings compares bytes; Swift's `<` compares Unicode scalars,
    /// which agrees on valid UTF-8, but bytes say what is meant.
    private static func sortedBytewise(_ strings: [String]) -> [String] {
        strings.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    private static func sha1Hex(_ text: String) -> String {
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in Insecure.SHA1.hash(data: Array(text.utf8)) {
            out += [hex[Int(byte >> 4)], hex[Int(byte & 15)]]
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Go's `path.Join` for two elements: empty elements skipped, the result `path.Clean`ed,
    /// "" when both are empty. (`https://x` cleans to `https:/x`, as in Kargo.)
    static func goPathJoin(_ first: String, _ second: String) -> String {
        if first.isEmpty && second.isEmpty { return "" }
        return goPathClean(first.isEmpty ? second : "\(first)/\(second)")
    }

    /// Go's `path.Clean`: repeated slashes, `.` and resolvable `..` elements removed.
    static func goPathClean(_ path: String) -> String {
        let bytes = Array(path.utf8)
        if bytes.isEmpty { return "." }
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
        let rooted = bytes[0] == slash
        let n = bytes.count
        var out: [UInt8] = []
        var r = 0, dotdot = 0
        if rooted {
            out.append(slash)
            r = 1
            dotdot = 1
        }
        while r < n {
            if bytes[r] == slash {
                r += 1
            } else if bytes[r] == dot, r + 1 == n || bytes[r + 1] == slash {
                r += 1
            } else if bytes[r] == dot, bytes[r + 1] == dot, r + 2 == n || bytes[r + 2] == slash {
                r += 2
                if out.count > dotdot {
                    var w = out.count - 1
                    while w > dotdot, out[w] != slash { w -= 1 }
                    out.removeLast(out.count - w)
                } else if !rooted {
                    if !out.isEmpty { out.append(slash) }
                    out += [dot, dot]
                    dotdot = out.count
                }
            } else {
                if rooted && out.count != 1 || !rooted && !out.isEmpty { out.append(slash) }
                while r < n, bytes[r] != slash {
                    out.append(bytes[r])
                    r += 1
                }
            }
        }
        return out.isEmpty ? "." : String(decoding: out, as: UTF8.self)
    }
}
