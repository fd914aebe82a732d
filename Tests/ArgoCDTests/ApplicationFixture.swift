import ArgoCD
import Foundation
import Pipeline

/// Builds Applications as the Argo CD API returns them, for the pure tables.
enum ApplicationFixture {
    /// `status.operationState` of a fixture.
    struct Operation {
        var phase: String
        var promotion: String?
        var message: String = ""
        var revisions: [String]? = nil
        var finishedAt: String? = nil
    }

    static func source(_ repoURL: String, chart: String? = nil, targetRevision: String = "HEAD",
                       extra: [String: JSONValue] = [:]) -> JSONValue {
        var fields: [String: JSONValue] = ["repoURL": .string(repoURL), "targetRevision": .string(targetRevision)]
        if let chart { fields["chart"] = .string(chart) }
        return .object(fields.merging(extra) { $1 })
    }

    static func application(
        name: String = "guestbook", namespace: String = "argocd", annotations: [String: String] = [:],
        labels: [String: String] = [:], source: JSONValue? = ApplicationFixture.source("https://github.com/acme/gitops.git"),
        sources: [JSONValue]? = nil, health: String? = "Healthy", healthMessage: String? = nil,
        syncStatus: String? = "Synced", syncRevisions: [String]? = nil, operation: Operation? = nil,
        pendingPromotion: String? = nil, reconciledAt: String? = nil, conditions: [(String, String)] = []
    ) -> Application {
        var metadata: [String: JSONValue] = ["name": .string(name), "namespace": .string(namespace)]
        if !annotations.isEmpty { metadata["annotations"] = .object(annotations.mapValues(JSONValue.string)) }
        if !labels.isEmpty { metadata["labels"] = .object(labels.mapValues(JSONValue.string)) }
        var spec: [String: JSONValue] = ["project": .string("default")]
        if let sources { spec["sources"] = .array(sources) } else if let source { spec["source"] = source }
        var status: [String: JSONValue] = [:]
        if let health {
            var value: [String: JSONValue] = ["status": .string(health)]
            if let healthMessage { value["message"] = .string(healthMessage) }
            status["health"] = .object(value)
        }
        var sync: [String: JSONValue] = [:]
        if let syncStatus { sync["status"] = .string(syncStatus) }
        if let syncRevisions {
            if syncRevisions.count == 1 { sync["revision"] = .string(syncRevisions[0]) } else {
                sync["revisions"] = .array(syncRevisions.map(JSONValue.string))
            }
        }
        if !sync.isEmpty { status["sync"] = .object(sync) }
        if let operation { status["operationState"] = state(operation) }
        if let reconciledAt { status["reconciledAt"] = .string(reconciledAt) }
        if !conditions.isEmpty {
            status["conditions"] = .array(conditions.map { .object(["type": .string($0.0), "message": .string($0.1)]) })
        }
        var object: [String: JSONValue] = [
            "apiVersion": .string("argoproj.io/v1alpha1"), "kind": .string("Application"),
            "metadata": .object(metadata), "spec": .object(spec), "status": .object(status),
        ]
        if let pendingPromotion {
            object["operation"] = .object(["sync": .object([:]), "info": infos(pendingPromotion)])
        }
        return Application(.object(object))
    }

    private static func state(_ operation: Operation) -> JSONValue {
        var fields: [String: JSONValue] = [
            "phase": .string(operation.phase), "message": .string(operation.message),
            "operation": .object(["sync": .object([:]), "info": operation.promotion.map(infos) ?? .array([]),
                                  "initiatedBy": .object(["username": .string("admin")])]),
        ]
        if let revisions = operation.revisions {
            fields["syncResult"] = revisions.count == 1 ? .object(["revision": .string(revisions[0])])
                : .object(["revisions": .array(revisions.map(JSONValue.string))])
        }
        if let finishedAt = operation.finishedAt { fields["finishedAt"] = .string(finishedAt) }
        return .object(fields)
    }

    private static func infos(_ promotion: String) -> JSONValue {
        .array([
            .object(["name": .string("Reason"), "value": .string("test")]),
            .object(["name": .string("Promotion"), "value": .string(promotion)]),
        ])
    }

    /// Parses JSON text (test input written by hand).
    static func json(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }
}
