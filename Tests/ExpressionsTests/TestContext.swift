import Expressions
import Pipeline

/// A Promotion of Stage `prod` in project `shop` with two target Freight from two
/// Warehouses, so lookups can hit, miss and be ambiguous.
enum TestContext {
    static let appFreight = Freight(
        metadata: ObjectMeta(name: "f1a2b3"),
        alias: "brave-eagle",
        origin: FreightOrigin(kind: .warehouse, name: "app"),
        commits: [
            GitCommit(
                repoURL: "https://github.com/acme/app.git", id: "deadbeef", branch: "main", tag: "v1.2.3",
                message: "Fix checkout", author: "Ada <ada@acme.dev>", committer: "Bot <bot@acme.dev>",
                subscriptionName: "app-src")
        ],
        images: [
            Image(
                repoURL: "ghcr.io/acme/app", tag: "1.2.3", digest: "sha256:aaa",
                annotations: ["org.opencontainers.image.revision": "deadbeef"], subscriptionName: "app-image"),
            Image(repoURL: "ghcr.io/acme/shared", tag: "2.0.0", digest: "sha256:s1"),
        ],
        charts: [Chart(repoURL: "oci://ghcr.io/acme/charts/app", version: "1.0.0")],
        artifacts: [
            ArtifactReference(
                artifactType: "bundle", subscriptionName: "docs", version: "v7", metadata: .object(["size": .int(12)]))
        ],
        status: FreightStatus(metadata: ["approvedBy": .string("alice"), "score": .int(3)])
    )

    static let infraFreight = Freight(
        metadata: ObjectMeta(name: "e4d5c6"),
        origin: FreightOrigin(kind: .warehouse, name: "infra"),
        commits: [GitCommit(repoURL: "https://github.com/acme/infra", id: "cafef00d", branch: "main", message: "Bump")],
        images: [
            Image(repoURL: "docker.io/library/nginx", tag: "1.25.3", digest: "sha256:bbb"),
            Image(repoURL: "ghcr.io/acme/shared", tag: "2.1.0", digest: "sha256:s2"),
        ],
        charts: [Chart(repoURL: "https://charts.example.com", name: "redis", version: "18.0.0")]
    )

    static let oldFreight = Freight(
        metadata: ObjectMeta(name: "old999"),
        origin: FreightOrigin(kind: .warehouse, name: "app"),
        status: FreightStatus(metadata: ["note": .string("superseded")])
    )

    static let context = ExpressionContext.promotion(
        project: "shop",
        stage: "prod",
        promotion: "prod.01j.abc",
        targetFreight: appFreight,
        actor: "admin@acme.dev",
        vars: [
            "image": .string("ghcr.io/acme/app"),
            "repoURL": .string("https://github.com/acme/app"),
            "gitRepo": .string("https://github.com/acme/app.git"),
            "stage": .string("prod"),
            "branch": .string("env/prod"),
            "replicas": .int(3),
            "ratio": .double(0.5),
            "list": .array([.int(1), .int(2), .int(3)]),
            "names": .array([.string("a"), .string("b"), .string("c")]),
            "nested": .object(["inner": .object(["value": .string("deep")]), "empty": .null]),
            "flag": .bool(true),
            "version": .string("v1.4.2-rc.1+build.9"),
        ],
        outputs: [
            "commit": .object(["commit": .string("0123abc")]),
            "task::render": .object(["path": .string("out/prod")]),
        ],
        taskOutputs: ["render": .object(["path": .string("task/out")])],
        freight: [appFreight, infraFreight],
        knownFreight: [oldFreight],
        stageMetadata: ["prod": ["lastPromotedAt": .string("2026-11-20T10:00:00Z"), "owner": .string("ops")]],
        configMaps: ["settings": ["region": "eu-west-1"]],
        secrets: ["db": ["password": "s3cr3t"]],
        stepExecutions: [
            StepExecution(alias: "clone", status: "Succeeded"),
            StepExecution(alias: "deploy::render", status: "Failed"),
            StepExecution(alias: "render", status: "Succeeded"),
        ],
        currentStepAlias: "deploy::push",
        clock: { Timestamp(secondsSinceEpoch: 1_795_430_700, nanoseconds: 500_000_000) }
    )

    /// Same as `context` but no step has failed.
    static var healthy: ExpressionContext {
        var copy = context
        copy.stepExecutions = [StepExecution(alias: "clone", status: "Succeeded")]
        copy.currentStepAlias = "push"
        return copy
    }

    static func eval(_ source: String, in context: ExpressionContext = context) throws -> ExpressionValue {
        try ParsedExpression(source).evaluate(in: context)
    }
}
