import Foundation
import Testing
@testable import Pipeline

/// JSON modeled on the corpus (`../shared/corpus`) and Kargo's documentation examples: the same
/// shapes the Manifests loader hands to the model after reading YAML.
enum Fixtures {
    static let stage = #"""
    {
      "apiVersion": "kargo.akuity.io/v1alpha1",
      "kind": "Stage",
      "metadata": {"name": "uat", "namespace": "kargo-demo", "annotations": {"kargo.akuity.io/color": "yellow"}},
      "spec": {
        "shard": "east",
        "vars": [{"name": "gitRepo", "value": "https://github.com/example/kargo-demo-gitops.git"}],
        "requestedFreight": [
          {
            "origin": {"kind": "Warehouse", "name": "kargo-demo"},
            "sources": {
              "stages": ["test", "qa"],
              "requiredSoakTime": "1h30m",
              "availabilityStrategy": "All",
              "autoPromotionOptions": {"selectionPolicy": "MatchUpstream"}
            }
          },
          {"origin": {"kind": "Warehouse", "name": "config"}, "sources": {"direct": true, "stages": []}}
        ],
        "promotionTemplate": {
          "spec": {
            "vars": [{"name": "branch", "value": "stage/${{ ctx.stage }}"}],
            "steps": [
              {
                "uses": "git-clone",
                "config": {
                  "repoURL": "${{ vars.gitRepo }}",
                  "checkout": [{"branch": "main", "path": "./src"}, {"branch": "${{ vars.branch }}", "create": true, "path": "./out"}]
                }
              },
              {"uses": "kustomize-set-image", "as": "update", "if": "${{ success() }}", "continueOnError": true,
               "retry": {"errorThreshold": 3, "timeout": "10m"},
               "config": {"path": "./src/base", "images": [{"image": "public.ecr.aws/nginx/nginx", "digest": "${{ imageFrom(\"public.ecr.aws/nginx/nginx\").Digest }}"}]}},
              {"task": {"name": "promo-process"}, "vars": [{"name": "stage", "value": "uat"}, {"name": "empty"}]},
              {"task": {"name": "shared-render", "kind": "ClusterPromotionTask"}},
              {"uses": "git-commit", "as": "commit", "config": {"path": "./out", "message": "promote", "retries": 2, "ratio": 0.5, "sign": false, "extra": null}}
            ]
          }
        },
        "verification": {
          "analysisTemplates": [{"name": "integration-test"}, {"name": "smoke", "kind": "ClusterAnalysisTemplate"}],
          "analysisRunMetadata": {"labels": {"team": "payments"}, "annotations": {"note": "x"}},
          "args": [{"name": "commit", "value": "${{ commitFrom(vars.gitRepo).ID }}"}]
        },
        "targets": {"selectors": [{"matchLabels": {"env": "uat"}}]}
      },
      "status": {
        "conditions": [{"type": "Ready", "status": "True", "reason": "Synced", "message": "", "lastTransitionTime": "2026-11-23T08:45:00Z", "observedGeneration": 3}],
        "freightHistory": [
          {
            "id": "c2a9f3e1",
            "items": {
              "Warehouse/kargo-demo": {
                "name": "955c6f52cfec90b905496cd4de67d4c5be451884",
                "origin": {"kind": "Warehouse", "name": "kargo-demo"},
                "commits": [{"repoURL": "https://github.com/example/app.git", "id": "abc", "branch": "main"}]
              }
            },
            "verificationHistory": [
              {"id": "v2", "phase": "Running", "startTime": "2026-11-23T08:50:00Z"},
              {"id": "v1", "phase": "Successful", "actor": "freightline", "startTime": "2026-11-23T08:46:00Z",
               "finishTime": "2026-11-23T08:48:00.5Z", "analysisRun": {"namespace": "kargo-demo", "name": "uat.v1", "phase": "Successful"}}
            ]
          }
        ],
        "health": {"status": "Healthy", "issues": [], "output": {"apps": [{"name": "guestbook-uat", "health": "Healthy"}]}},
        "currentPromotion": {"name": "uat.01jd.abc", "freight": {"name": "955c6f52cfec90b905496cd4de67d4c5be451884"}},
        "lastPromotion": {
          "name": "uat.01jc.def",
          "finishedAt": "2026-11-22T23:00:00Z",
          "status": {"phase": "Succeeded", "currentStep": 5, "finishedAt": "2026-11-22T23:00:00Z"}
        },
        "autoPromotionEnabled": true,
        "autoPromotionHolds": {"Warehouse/kargo-demo": {"freightName": "955c6f52cfec90b905496cd4de67d4c5be451884", "origin": {"kind": "Warehouse", "name": "kargo-demo"}, "actor": "alice", "createdAt": "2026-11-23T07:00:00Z"}},
        "promotionWindowStatus": {"closed": true, "reason": "deny window friday", "nextOpen": "2026-11-24T06:00:00Z"},
        "metadata": {"lastPromotedAt": "2026-11-22T23:00:00Z", "attempts": 2},
        "observedGeneration": 3
      }
    }
    """#

    static let warehouse = #"""
    {
      "apiVersion": "kargo.akuity.io/v1alpha1",
      "kind": "Warehouse",
      "metadata": {"name": "kargo-demo", "namespace": "kargo-demo"},
      "spec": {
        "interval": "10m0s",
        "shard": "east",
        "freightCreationPolicy": "Automatic",
        "freightCreationCriteria": {"expression": "imageFrom('ghcr.io/example/app').Tag == commitFrom('https://github.com/example/app.git').Tag"},
        "subscriptions": [
          {"git": {"repoURL": "https://github.com/example/app.git", "commitSelectionStrategy": "SemVer", "branch": "main",
                   "strictSemvers": false, "semverConstraint": "^1.0.0", "allowTags": "^v1", "allowTagsRegexes": ["^v1\\."],
                   "ignoreTags": ["v1.0.1"], "ignoreTagsRegexes": ["-rc"], "expressionFilter": "!(subject contains 'skip')",
                   "insecureSkipTLSVerify": false, "blobless": true, "includePaths": ["glob:charts/**", "regex:^env/"],
                   "excludePaths": ["glob:env/*/values-image.yaml"], "discoveryLimit": 5, "since": "2026-01-01T00:00:00Z"}},
          {"image": {"repoURL": "ghcr.io/example/app", "imageSelectionStrategy": "SemVer", "strictSemvers": true,
                     "constraint": ">=1.2.0 <2", "allowTagsRegexes": ["^v?[0-9]+\\.[0-9]+\\.[0-9]+$"], "ignoreTagsRegexes": ["latest"],
                     "platform": "linux/arm64", "insecureSkipTLSVerify": true, "discoveryLimit": 20, "cacheByTag": true}},
          {"image": {"repoURL": "ghcr.io/example/legacy", "semverConstraint": "^0.9", "allowTags": "^v", "ignoreTags": ["v0.9.1"], "imageSelectionStrategy": "Digest"}},
          {"chart": {"repoURL": "oci://ghcr.io/example/charts/app", "semverConstraint": "^2.0.0", "discoveryLimit": 10}},
          {"chart": {"repoURL": "https://charts.example.com", "name": "app", "insecureSkipTLSVerify": false}},
          {"name": "tickets", "subscription": {"subscriptionType": "jira", "config": {"project": "OPS"}, "discoveryLimit": 5}}
        ]
      },
      "status": {
        "lastFreightID": "955c6f52cfec90b905496cd4de67d4c5be451884",
        "discoveredArtifacts": {
          "discoveredAt": "2026-11-23T08:40:00Z",
          "git": [{"repoURL": "https://github.com/example/app.git", "commits": [{"id": "abc", "tag": "v1.2.0", "subject": "Release", "creatorDate": "2026-11-20T10:00:00Z"}],
                   "observedRefs": {"branchHead": "abc", "tags": [{"name": "v1.2.0", "id": "abc"}]}}],
          "images": [{"repoURL": "ghcr.io/example/app", "platform": "linux/arm64",
                      "references": [{"tag": "v1.2.0", "digest": "sha256:0123abcd", "createdAt": "2026-11-20T10:05:00Z", "annotations": {"org.opencontainers.image.revision": "abc"}}]}],
          "charts": [{"repoURL": "oci://ghcr.io/example/charts/app", "versions": ["2.1.0", "2.0.0"]}]
        }
      }
    }
    """#

    static let freight = #"""
    {
      "apiVersion": "kargo.akuity.io/v1alpha1",
      "kind": "Freight",
      "metadata": {"name": "955c6f52cfec90b905496cd4de67d4c5be451884", "namespace": "kargo-demo", "creationTimestamp": "2026-11-23T08:40:00Z"},
      "alias": "mighty-tiger",
      "origin": {"kind": "Warehouse", "name": "app"},
      "commits": [{"repoURL": "https://github.com/Example/App.git", "id": "abc", "message": "Release", "author": "Alice <a@example.com>"}],
      "images": [{"repoURL": "ghcr.io/example/app", "tag": "v1.2.0", "digest": "sha256:0123abcd", "annotations": {"a": "b"}}],
      "charts": [{"repoURL": "oci://ghcr.io/example/charts/app", "version": "2.1.0", "subscriptionName": "chart"}],
      "discoveredAt": "2026-11-23T08:40:00Z",
      "status": {
        "currentlyIn": {"uat": {"since": "2026-11-23T09:00:00Z"}},
        "verifiedIn": {"test": {"verifiedAt": "2026-11-23T08:50:00Z", "longestSoak": "1h2m3s"}, "uat": {}},
        "approvedFor": {"prod": {"approvedAt": "2026-11-23T10:00:00Z"}},
        "metadata": {"lastPromoted": {"at": "2026-11-23T09:00:00Z", "to": "uat"}, "score": 0.75, "ok": true}
      }
    }
    """#

    static let promotion = #"""
    {
      "apiVersion": "kargo.akuity.io/v1alpha1",
      "kind": "Promotion",
      "metadata": {"name": "uat.01jd7w7q5x.955c6f5", "namespace": "kargo-demo"},
      "spec": {
        "stage": "uat",
        "freight": "955c6f52cfec90b905496cd4de67d4c5be451884",
        "vars": [{"name": "gitRepo", "value": "https://github.com/example/app.git"}],
        "steps": [
          {"uses": "git-clone", "as": "task-1::clone", "config": {"repoURL": "${{ vars.gitRepo }}"}},
          {"uses": "git-commit", "as": "commit", "config": {"path": "./out"}},
          {"uses": "git-push", "config": {"path": "./out"}}
        ]
      },
      "status": {
        "phase": "Running",
        "currentStep": 2,
        "startedAt": "2026-11-23T09:00:00Z",
        "freight": {"name": "955c6f52cfec90b905496cd4de67d4c5be451884", "origin": {"kind": "Warehouse", "name": "app"}},
        "freightCollection": {"id": "9f1e", "items": {"Warehouse/app": {"name": "955c6f52cfec90b905496cd4de67d4c5be451884"}}},
        "stepExecutionMetadata": [
          {"alias": "task-1::clone", "startedAt": "2026-11-23T09:00:00Z", "finishedAt": "2026-11-23T09:00:04Z", "status": "Succeeded"},
          {"alias": "commit", "startedAt": "2026-11-23T09:00:04Z", "finishedAt": "2026-11-23T09:00:05Z", "status": "Succeeded"},
          {"alias": "step-2", "startedAt": "2026-11-23T09:00:05Z", "status": "Running", "errorCount": 1, "message": "remote busy", "continueOnError": false}
        ],
        "healthChecks": [{"uses": "argocd-update", "config": {"apps": [{"name": "guestbook-uat"}]}}],
        "state": {"commit": {"commit": "0a1b2c3d"}, "task-1::clone": {}}
      }
    }
    """#

    static let promotionTask = #"""
    {
      "apiVersion": "kargo.akuity.io/v1alpha1",
      "kind": "PromotionTask",
      "metadata": {"name": "render-image", "namespace": "kargo-rendered-branches"},
      "spec": {
        "vars": [{"name": "repoURL", "value": "https://github.com/example/rendered.git"}, {"name": "stage", "value": "${{ ctx.stage }}"}],
        "steps": [
          {"uses": "git-clone", "config": {"repoURL": "${{ vars.repoURL }}", "checkout": [{"branch": "main", "path": "./main"}]}},
          {"uses": "yaml-update", "config": {"path": "./main/env/${{ vars.stage }}/values-image.yaml", "updates": [{"key": "image.tag", "value": "${{ imageFrom(vars.image).Tag }}"}]}},
          {"uses": "git-commit", "as": "commit", "config": {"path": "./main"}}
        ]
      }
    }
    """#

    static let clusterPromotionTask = #"""
    {
      "apiVersion": "kargo.akuity.io/v1alpha1",
      "kind": "ClusterPromotionTask",
      "metadata": {"name": "shared-render"},
      "spec": {"steps": [{"uses": "helm-template", "config": {"path": "./chart", "outPath": "./out"}}]}
    }
    """#

    static let project = #"""
    {
      "apiVersion": "kargo.akuity.io/v1alpha1",
      "kind": "Project",
      "metadata": {"name": "kargo-demo", "annotations": {"argocd.argoproj.io/sync-wave": "-1"}},
      "spec": {"promotionPolicies": [{"stage": "test", "autoPromotionEnabled": true}, {"stageSelector": {"name": "glob:uat-*"}, "autoPromotionEnabled": false}]},
      "status": {"stats": {"warehouses": {"count": 1, "health": {"healthy": 1}}, "stages": {"count": 3, "health": {"healthy": 2}}}}
    }
    """#

    static let projectConfig = #"""
    {
      "apiVersion": "kargo.akuity.io/v1alpha1",
      "kind": "ProjectConfig",
      "metadata": {"name": "kargo-demo", "namespace": "kargo-demo"},
      "spec": {
        "promotionPolicies": [
          {"stageSelector": {"name": "regex:test-.*"}, "autoPromotionEnabled": true},
          {"stageSelector": {"matchExpressions": [{"key": "environment", "operator": "In", "values": ["development", "staging"]}]}, "autoPromotionEnabled": true,
           "autoRollback": {"onPromotion": ["Failed", "Errored"], "onVerification": ["Failed"]}},
          {"stageSelector": {"name": "glob:prod-*", "matchLabels": {"example.org/allow-auto-promotion": "true"}}}
        ],
        "promotionWindows": [
          {"name": "no-friday-deploys", "kind": "Deny", "rrule": "FREQ=WEEKLY;BYDAY=FR", "dtstart": "2026-01-02T00:00:00Z", "dtend": "2026-01-03T00:00:00Z",
           "stageSelector": {"name": "glob:prod-*"}}
        ],
        "webhookReceivers": [
          {"name": "gh", "github": {"secretRef": {"name": "gh-webhook"}}},
          {"name": "art", "artifactory": {"secretRef": {"name": "art"}, "virtualRepoName": "docker-virtual"}},
          {"name": "any", "generic": {"secretRef": {"name": "generic"}, "actions": [
            {"action": "Refresh", "whenExpression": "request.header('X-Event') == 'push'", "parameters": {"a": "b"},
             "targetSelectionCriteria": [{"kind": "Warehouse", "name": "kargo-demo"},
                                         {"kind": "Warehouse", "indexSelector": {"matchIndices": [{"key": "subscribedURLs", "operator": "Equals", "value": "${{ normalizeGit(request.body.repository.url) }}"}]}}]}
          ]}}
        ],
        "freightLinks": [{"title": "Build", "url": "https://ci.example.com/${{ freight.name }}"}]
      },
      "status": {"webhookReceivers": [{"name": "gh", "path": "/webhooks/github/0123", "url": "https://kargo.example.com/webhooks/github/0123"}]}
    }
    """#

    static let clusterConfig = #"""
    {
      "apiVersion": "kargo.akuity.io/v1alpha1",
      "kind": "ClusterConfig",
      "metadata": {"name": "cluster"},
      "spec": {
        "gitClient": {"name": "Kargo Bot", "email": "kargo@example.com", "signingKeySecret": {"name": "gpg-key"}},
        "promotionWindows": [{"name": "business-hours", "kind": "Allow", "rrule": "FREQ=DAILY", "projectSelector": {"matchLabels": {"tier": "1"}}}],
        "webhookReceivers": [{"name": "quay", "quay": {"secretRef": {"name": "quay"}}}]
      }
    }
    """#

    static let analysisTemplate = #"""
    {
      "apiVersion": "argoproj.io/v1alpha1",
      "kind": "AnalysisTemplate",
      "metadata": {"name": "integration-test", "namespace": "kargo-demo"},
      "spec": {
        "args": [
          {"name": "api-url", "value": "http://example/measure"},
          {"name": "service-name"},
          {"name": "api-token", "valueFrom": {"secretKeyRef": {"name": "token-secret", "key": "apiToken"}}},
          {"name": "namespace", "valueFrom": {"fieldRef": {"fieldPath": "metadata.namespace"}}}
        ],
        "metrics": [
          {"name": "webmetric", "successCondition": "result == 'true'", "count": 20, "interval": "3m", "initialDelay": "30s",
           "failureLimit": "{{ args.limit }}", "inconclusiveLimit": 2, "consecutiveErrorLimit": 4, "consecutiveSuccessLimit": 1,
           "provider": {"web": {"url": "{{ args.api-url }}?service={{ args.service-name }}", "method": "POST", "timeoutSeconds": 15,
                                "headers": [{"key": "Authorization", "value": "Bearer {{ args.api-token }}"}],
                                "jsonBody": {"service": "{{ args.service-name }}", "window": 5}, "jsonPath": "{$.results.ok}", "insecure": true,
                                "authentication": {"basicAuth": {"username": "u", "password": "p"}}}}},
          {"name": "total-errors", "interval": "5m", "count": 3, "failureCondition": "result[0] >= 10", "failureLimit": 3,
           "provider": {"prometheus": {"address": "http://prometheus.example.com:9090", "query": "sum(irate(istio_requests_total{response_code=~\"5.*\"}[5m]))\n",
                                       "timeout": 30, "headers": [{"key": "X-Scope-OrgID", "value": "tenant"}],
                                       "rangeQuery": {"start": "now() - duration(\"5m\")", "end": "now()", "step": "1m"},
                                       "authentication": {"oauth2": {"tokenUrl": "https://auth/token", "clientId": "c", "clientSecret": "s", "scopes": ["read"]}}}}},
          {"name": "integration", "provider": {"job": {"metadata": {"labels": {"app": "tests"}},
            "spec": {"backoffLimit": 1, "template": {"spec": {"restartPolicy": "Never", "containers": [{"name": "test", "image": "alpine:3.20", "command": ["sh", "-c", "exit 0"]}]}}}}}},
          {"name": "dd", "provider": {"datadog": {"apiVersion": "v2", "query": "avg:errors{*}", "interval": "5m"}}}
        ],
        "dryRun": [{"metricName": "dd"}],
        "measurementRetention": [{"metricName": "webmetric", "limit": 5}],
        "templates": [{"templateName": "base", "clusterScope": true}]
      }
    }
    """#

    static let clusterAnalysisTemplate = #"""
    {
      "apiVersion": "argoproj.io/v1alpha1",
      "kind": "ClusterAnalysisTemplate",
      "metadata": {"name": "smoke"},
      "spec": {"metrics": [{"name": "ping", "provider": {"web": {"url": "https://pokeapi.co/api/v2/pokemon/pikachu"}}}]}
    }
    """#

    static let secret = #"""
    {
      "apiVersion": "v1",
      "kind": "Secret",
      "metadata": {"name": "repo-creds", "namespace": "kargo-demo", "labels": {"kargo.akuity.io/cred-type": "git"}},
      "type": "Opaque",
      "stringData": {"repoURL": "https://github.com/example/.*", "repoURLIsRegex": "true", "username": "bot", "password": "hunter2"},
      "data": {"extra": "c2VjcmV0"}
    }
    """#

    static let configMap = #"""
    {
      "apiVersion": "v1",
      "kind": "ConfigMap",
      "metadata": {"name": "settings", "namespace": "kargo-demo"},
      "data": {"replicas": "3", "region": "eu-west-1"}
    }
    """#
}

private func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
    try JSONDecoder().decode(T.self, from: Data(json.utf8))
}

private func encodeToString<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}

/// One fixture per kind, decoded with its Swift type; used by the parameterized tests.
struct KindFixture: Sendable, CustomTestStringConvertible {
    let kind: KargoKind
    let json: String
    let roundTrip: @Sendable (String) throws -> (first: String, second: String, decodedKind: KargoKind, kindField: String)

    init<T: KargoObject>(_ type: T.Type, _ json: String) {
        self.kind = T.kargoKind
        self.json = json
        self.roundTrip = { text in
            let value = try decode(T.self, text)
            let first = try encodeToString(value)
            let again = try decode(T.self, first)
            #expect(again == value)
            return (first, try encodeToString(again), T.kargoKind, value.kind)
        }
    }

    var testDescription: String { kind.rawValue }

    static let all: [KindFixture] = [
        KindFixture(Project.self, Fixtures.project),
        KindFixture(ProjectConfig.self, Fixtures.projectConfig),
        KindFixture(ClusterConfig.self, Fixtures.clusterConfig),
        KindFixture(Warehouse.self, Fixtures.warehouse),
        KindFixture(Stage.self, Fixtures.stage),
        KindFixture(Freight.self, Fixtures.freight),
        KindFixture(Promotion.self, Fixtures.promotion),
        KindFixture(PromotionTask.self, Fixtures.promotionTask),
        KindFixture(ClusterPromotionTask.self, Fixtures.clusterPromotionTask),
        KindFixture(AnalysisTemplate.self, Fixtures.analysisTemplate),
        KindFixture(ClusterAnalysisTemplate.self, Fixtures.clusterAnalysisTemplate),
        KindFixture(Secret.self, Fixtures.secret),
        KindFixture(ConfigMap.self, Fixtures.configMap),
    ]
}

struct ModelCodingTests {
    @Test func everyKindHasAFixture() {
        // A CustomPromotionStep is read from YAML by Manifests (CustomPromotionStepLoadingTests)
        // and never written to state, so it has no Codable form here.
        #expect(Set(KindFixture.all.map(\.kind)) == Set(KargoKind.allCases).subtracting([.customPromotionStep]))
    }

    @Test(arguments: KindFixture.all)
    func roundTripsWithoutLoss(_ fixture: KindFixture) throws {
        let result = try fixture.roundTrip(fixture.json)
        // Encoding is stable, and absent optionals stay absent instead of becoming null.
        #expect(result.first == result.second)
        #expect(!result.first.contains("null") || fixture.kind == .stage)
        #expect(result.kindField == fixture.kind.rawValue)
        #expect(result.decodedKind == fixture.kind)
    }

    @Test func decodesStageSpec() throws {
        let stage = try decode(Stage.self, Fixtures.stage)
        #expect(stage.metadata.name == "uat")
        #expect(stage.metadata.namespace == "kargo-demo")
        #expect(stage.spec.shard == "east")
        #expect(stage.spec.vars == [PromotionVariable(name: "gitRepo", value: "https://github.com/example/kargo-demo-gitops.git")])

        let requested = try #require(stage.spec.requestedFreight)
        #expect(requested.count == 2)
        #expect(requested[0].origin == FreightOrigin(kind: .warehouse, name: "kargo-demo"))
        #expect(requested[0].sources?.stages == ["test", "qa"])
        #expect(requested[0].sources?.requiredSoakTime == "1h30m")
        #expect(requested[0].sources?.availabilityStrategy == .all)
        #expect(requested[0].sources?.autoPromotionOptions?.selectionPolicy == .matchUpstream)
        #expect(requested[0].sources?.direct == nil)
        #expect(requested[1].sources?.direct == true)
        #expect(requested[1].sources?.stages == [])
        #expect(requested[1].sources?.availabilityStrategy == nil)

        let template = try #require(stage.spec.promotionTemplate?.spec)
        #expect(template.vars?.first?.value == "stage/${{ ctx.stage }}")
        let steps = try #require(template.steps)
        #expect(steps.count == 5)
        #expect(steps[0].uses == "git-clone")
        #expect(steps[0].config?["checkout"]?.arrayValue?[1]["create"] == .bool(true))
        #expect(steps[1].as == "update")
        #expect(steps[1].if == "${{ success() }}")
        #expect(steps[1].continueOnError == true)
        #expect(steps[1].retry == PromotionStepRetry(timeout: "10m", errorThreshold: 3))
        #expect(steps[1].config?["images"]?.arrayValue?.first?["digest"]?.stringValue
                == #"${{ imageFrom("public.ecr.aws/nginx/nginx").Digest }}"#)
        #expect(steps[2].uses == nil)
        #expect(steps[2].task == PromotionTaskReference(name: "promo-process"))
        #expect(steps[2].vars == [PromotionVariable(name: "stage", value: "uat"), PromotionVariable(name: "empty")])
        #expect(steps[3].task?.kind == .clusterPromotionTask)
        let commitConfig = try #require(steps[4].config?.objectValue)
        #expect(commitConfig["retries"] == .int(2))
        #expect(commitConfig["ratio"] == .double(0.5))
        #expect(commitConfig["sign"] == .bool(false))
        #expect(commitConfig["extra"] == .null)

        let verification = try #require(stage.spec.verification)
        #expect(verification.analysisTemplates == [
            AnalysisTemplateReference(name: "integration-test"),
            AnalysisTemplateReference(name: "smoke", kind: .clusterAnalysisTemplate),
        ])
        #expect(verification.analysisRunMetadata?.labels == ["team": "payments"])
        #expect(verification.args == [AnalysisRunArgument(name: "commit", value: "${{ commitFrom(vars.gitRepo).ID }}")])
        #expect(stage.spec.targets?.selectors?.first?.matchLabels == ["env": "uat"])
    }

    @Test func decodesStageStatus() throws {
        let status = try #require(try decode(Stage.self, Fixtures.stage).status)
        let condition = try #require(status.conditions?.first)
        #expect(condition.type == "Ready")
        #expect(condition.status == .true)
        #expect(condition.lastTransitionTime == Timestamp(rfc3339: "2026-11-23T08:45:00Z"))
        #expect(condition.observedGeneration == 3)

        let current = try #require(status.freightHistory?.first)
        #expect(current.id == "c2a9f3e1")
        let item = try #require(current.items?["Warehouse/kargo-demo"])
        #expect(item.name == "955c6f52cfec90b905496cd4de67d4c5be451884")
        #expect(item.commits?.first?.id == "abc")
        let history = try #require(current.verificationHistory)
        #expect(history.map(\.phase) == [.running, .successful])
        #expect(history[1].analysisRun?.name == "uat.v1")
        let started = try #require(history[1].startTime)
        let finished = try #require(history[1].finishTime)
        #expect(finished.seconds(since: started) == 120.5)

        #expect(status.health?.status == .healthy)
        #expect(status.health?.issues == [])
        #expect(status.health?.output?["apps"]?.arrayValue?.first?["name"] == .string("guestbook-uat"))
        #expect(status.currentPromotion?.name == "uat.01jd.abc")
        #expect(status.lastPromotion?.status?.phase == .succeeded)
        #expect(status.lastPromotion?.status?.currentStep == 5)
        #expect(status.lastPromotion?.finishedAt?.rfc3339 == "2026-11-22T23:00:00Z")
        #expect(status.autoPromotionEnabled == true)
        let hold = try #require(status.autoPromotionHolds?["Warehouse/kargo-demo"])
        #expect(hold.actor == "alice")
        #expect(hold.origin.name == "kargo-demo")
        #expect(status.promotionWindowStatus?.closed == true)
        #expect(status.promotionWindowStatus?.nextOpen?.rfc3339 == "2026-11-24T06:00:00Z")
        #expect(status.metadata?["attempts"] == .int(2))
        #expect(status.observedGeneration == 3)
    }

    @Test func decodesWarehouseSubscriptions() throws {
        let warehouse = try decode(Warehouse.self, Fixtures.warehouse)
        #expect(warehouse.spec.interval == "10m0s")
        #expect(warehouse.spec.shard == "east")
        #expect(warehouse.spec.freightCreationPolicy == .automatic)
        #expect(warehouse.spec.freightCreationCriteria?.expression?.hasPrefix("imageFrom(") == true)
        let subscriptions = try #require(warehouse.spec.subscriptions)
        #expect(subscriptions.count == 6)

        let git = try #require(subscriptions[0].git)
        #expect(git == GitSubscription(
            repoURL: "https://github.com/example/app.git", commitSelectionStrategy: .semVer, branch: "main",
            strictSemvers: false, semverConstraint: "^1.0.0", allowTags: "^v1", allowTagsRegexes: [#"^v1\."#],
            ignoreTags: ["v1.0.1"], ignoreTagsRegexes: ["-rc"], expressionFilter: "!(subject contains 'skip')",
            insecureSkipTLSVerify: false, blobless: true, includePaths: ["glob:charts/**", "regex:^env/"],
            excludePaths: ["glob:env/*/values-image.yaml"], discoveryLimit: 5,
            since: Timestamp(rfc3339: "2026-01-01T00:00:00Z")))

        let image = try #require(subscriptions[1].image)
        #expect(image.imageSelectionStrategy == .semVer)
        #expect(image.constraint == ">=1.2.0 <2")
        #expect(image.allowTagsRegexes == [#"^v?[0-9]+\.[0-9]+\.[0-9]+$"#])
        #expect(image.platform == "linux/arm64")
        #expect(image.cacheByTag == true)
        #expect(image.strictSemvers == true)
        #expect(image.discoveryLimit == 20)
        #expect(image.semverConstraint == nil)

        let legacy = try #require(subscriptions[2].image)
        #expect(legacy.semverConstraint == "^0.9")
        #expect(legacy.allowTags == "^v")
        #expect(legacy.ignoreTags == ["v0.9.1"])
        #expect(legacy.imageSelectionStrategy == .digest)

        #expect(subscriptions[3].chart == ChartSubscription(
            repoURL: "oci://ghcr.io/example/charts/app", semverConstraint: "^2.0.0", discoveryLimit: 10))
        #expect(subscriptions[4].chart?.name == "app")
        #expect(subscriptions[5].name == "tickets")
        #expect(subscriptions[5].subscription?.config == .object(["project": .string("OPS")]))

        let discovered = try #require(warehouse.status?.discoveredArtifacts)
        #expect(discovered.discoveredAt?.rfc3339 == "2026-11-23T08:40:00Z")
        #expect(discovered.git?.first?.observedRefs?.tags == [DiscoveredRef(name: "v1.2.0", id: "abc")])
        #expect(discovered.images?.first?.references?.first?.digest == "sha256:0123abcd")
        #expect(discovered.charts?.first?.versions == ["2.1.0", "2.0.0"])
        #expect(warehouse.status?.lastFreightID == "955c6f52cfec90b905496cd4de67d4c5be451884")
    }

    @Test func decodesFreight() throws {
        let freight = try decode(Freight.self, Fixtures.freight)
        #expect(freight.alias == "mighty-tiger")
        #expect(freight.origin == FreightOrigin(kind: .warehouse, name: "app"))
        #expect(freight.commits == [GitCommit(repoURL: "https://github.com/Example/App.git", id: "abc", message: "Release",
                                              author: "Alice <a@example.com>")])
        #expect(freight.images?.first?.digest == "sha256:0123abcd")
        #expect(freight.charts?.first?.subscriptionName == "chart")
        #expect(freight.metadata.creationTimestamp == freight.discoveredAt)

        let status = try #require(freight.status)
        #expect(status.currentlyIn?["uat"]?.since?.rfc3339 == "2026-11-23T09:00:00Z")
        #expect(status.verifiedIn?["test"]?.longestSoak == "1h2m3s")
        #expect(status.verifiedIn?["uat"] == VerifiedStage())
        #expect(status.approvedFor?["prod"]?.approvedAt?.rfc3339 == "2026-11-23T10:00:00Z")
        #expect(status.metadata?["lastPromoted"]?["to"] == .string("uat"))
        #expect(status.metadata?["score"] == .double(0.75))
    }

    @Test func decodesPromotion() throws {
        let promotion = try decode(Promotion.self, Fixtures.promotion)
        #expect(promotion.spec.stage == "uat")
        #expect(promotion.spec.freight == "955c6f52cfec90b905496cd4de67d4c5be451884")
        #expect(promotion.spec.steps?.map(\.as) == ["task-1::clone", "commit", nil])
        let status = try #require(promotion.status)
        #expect(status.phase == .running)
        #expect(status.currentStep == 2)
        #expect(status.freight?.origin?.name == "app")
        #expect(status.freightCollection?.items?.keys.sorted() == ["Warehouse/app"])
        let metadata = try #require(status.stepExecutionMetadata)
        #expect(metadata.map(\.status) == [.succeeded, .succeeded, .running])
        #expect(metadata[2].errorCount == 1)
        #expect(metadata[2].finishedAt == nil)
        #expect(status.healthChecks?.first?.uses == "argocd-update")
        #expect(status.state?["commit"]?["commit"] == .string("0a1b2c3d"))
        #expect(status.state?["task-1::clone"] == .object([:]))
    }

    @Test func decodesPromotionTasks() throws {
        let task = try decode(PromotionTask.self, Fixtures.promotionTask)
        #expect(task.spec.vars?.map(\.name) == ["repoURL", "stage"])
        #expect(task.spec.steps?.map(\.uses) == ["git-clone", "yaml-update", "git-commit"])
        #expect(task.spec.steps?[1].config?["updates"]?.arrayValue?.first?["key"] == .string("image.tag"))
        let clusterTask = try decode(ClusterPromotionTask.self, Fixtures.clusterPromotionTask)
        #expect(clusterTask.metadata.namespace == nil)
        #expect(clusterTask.spec.steps?.first?.config?["outPath"] == .string("./out"))
        #expect(clusterTask.spec.vars == nil)
    }

    @Test func decodesProjectAndConfigs() throws {
        let project = try decode(Project.self, Fixtures.project)
        #expect(project.spec?.promotionPolicies == [
            PromotionPolicy(stage: "test", autoPromotionEnabled: true),
            PromotionPolicy(stageSelector: PromotionPolicySelector(name: "glob:uat-*"), autoPromotionEnabled: false),
        ])
        #expect(project.status?.stats?.stages?.health?.healthy == 2)

        let config = try decode(ProjectConfig.self, Fixtures.projectConfig)
        let policies = try #require(config.spec?.promotionPolicies)
        #expect(policies[0].stageSelector?.name == "regex:test-.*")
        #expect(policies[1].stageSelector?.matchExpressions == [
            LabelSelectorRequirement(key: "environment", operator: "In", values: ["development", "staging"]),
        ])
        #expect(policies[1].autoRollback?.onPromotion == [.failed, .errored])
        #expect(policies[1].autoRollback?.onVerification == [.failed])
        #expect(policies[2].autoPromotionEnabled == nil)
        #expect(policies[2].stageSelector?.matchLabels == ["example.org/allow-auto-promotion": "true"])

        let window = try #require(config.spec?.promotionWindows?.first)
        #expect(window.kind == .deny)
        #expect(window.rrule == "FREQ=WEEKLY;BYDAY=FR")
        let receivers = try #require(config.spec?.webhookReceivers)
        #expect(receivers.map(\.name) == ["gh", "art", "any"])
        #expect(receivers[0].github?.secretRef?.name == "gh-webhook")
        #expect(receivers[1].artifactory?.virtualRepoName == "docker-virtual")
        let action = try #require(receivers[2].generic?.actions?.first)
        #expect(action.action == .refresh)
        #expect(action.targetSelectionCriteria?[1].indexSelector?.matchIndices?.first?.key == .subscribedURLs)
        #expect(config.spec?.freightLinks?.first?.title == "Build")
        #expect(config.status?.webhookReceivers?.first?.path == "/webhooks/github/0123")

        let cluster = try decode(ClusterConfig.self, Fixtures.clusterConfig)
        #expect(cluster.spec?.gitClient == GitClientConfig(name: "Kargo Bot", email: "kargo@example.com",
                                                           signingKeySecret: LocalObjectReference(name: "gpg-key")))
        #expect(cluster.spec?.promotionWindows?.first?.projectSelector?.matchLabels == ["tier": "1"])
        #expect(cluster.spec?.webhookReceivers?.first?.quay?.secretRef?.name == "quay")
    }

    @Test func decodesAnalysisTemplates() throws {
        let template = try decode(AnalysisTemplate.self, Fixtures.analysisTemplate)
        let args = try #require(template.spec.args)
        #expect(args.map(\.name) == ["api-url", "service-name", "api-token", "namespace"])
        #expect(args[0].value == "http://example/measure")
        #expect(args[1].value == nil && args[1].valueFrom == nil)
        #expect(args[2].valueFrom?.secretKeyRef == SecretKeyRef(name: "token-secret", key: "apiToken"))
        #expect(args[3].valueFrom?.fieldRef?.fieldPath == "metadata.namespace")

        let metrics = try #require(template.spec.metrics)
        let web = metrics[0]
        #expect(web.count == .int(20))
        #expect(web.count?.intValue == 20)
        #expect(web.interval == "3m")
        #expect(web.initialDelay == "30s")
        #expect(web.failureLimit == .string("{{ args.limit }}"))
        #expect(web.failureLimit?.intValue == nil)
        #expect(web.inconclusiveLimit == .int(2))
        #expect(web.consecutiveErrorLimit == .int(4))
        #expect(web.consecutiveSuccessLimit == .int(1))
        #expect(web.successCondition == "result == 'true'")
        let webProvider = try #require(web.provider?.web)
        #expect(webProvider.method == "POST")
        #expect(webProvider.timeoutSeconds == 15)
        #expect(webProvider.headers == [WebMetricHeader(key: "Authorization", value: "Bearer {{ args.api-token }}")])
        #expect(webProvider.jsonBody?["window"] == .int(5))
        #expect(webProvider.jsonPath == "{$.results.ok}")
        #expect(webProvider.authentication?.basicAuth == BasicAuth(username: "u", password: "p"))

        let prometheus = try #require(metrics[1].provider?.prometheus)
        #expect(metrics[1].failureCondition == "result[0] >= 10")
        #expect(metrics[1].failureLimit == .int(3))
        #expect(prometheus.address == "http://prometheus.example.com:9090")
        #expect(prometheus.query?.hasSuffix("[5m]))\n") == true)
        #expect(prometheus.timeout == 30)
        #expect(prometheus.rangeQuery?.step == "1m")
        #expect(prometheus.authentication?.oauth2?.scopes == ["read"])

        let job = try #require(metrics[2].provider?.job)
        #expect(job.metadata?.labels == ["app": "tests"])
        #expect(job.spec?["template"]?["spec"]?["containers"]?.arrayValue?.first?["image"] == .string("alpine:3.20"))
        #expect(metrics[3].provider?.datadog?["apiVersion"] == .string("v2"))
        #expect(metrics[3].provider?.web == nil)

        #expect(template.spec.dryRun == [DryRun(metricName: "dd")])
        #expect(template.spec.measurementRetention == [MeasurementRetention(metricName: "webmetric", limit: 5)])
        #expect(template.spec.templates == [NestedAnalysisTemplateRef(templateName: "base", clusterScope: true)])

        let cluster = try decode(ClusterAnalysisTemplate.self, Fixtures.clusterAnalysisTemplate)
        #expect(cluster.spec.metrics?.first?.provider?.web?.url == "https://pokeapi.co/api/v2/pokemon/pikachu")
        #expect(cluster.spec.metrics?.first?.count == nil)
    }

    @Test func decodesCoreKinds() throws {
        let secret = try decode(Secret.self, Fixtures.secret)
        #expect(secret.type == "Opaque")
        #expect(secret.credentialType == .git)
        #expect(secret.metadata.labels?[Secret.credentialTypeLabel] == "git")
        #expect(secret.stringData?["repoURLIsRegex"] == "true")
        #expect(secret.data?["extra"] == "c2VjcmV0")

        var unlabeled = secret
        unlabeled.metadata.labels = nil
        #expect(unlabeled.credentialType == nil)

        let configMap = try decode(ConfigMap.self, Fixtures.configMap)
        #expect(configMap.data == ["replicas": "3", "region": "eu-west-1"])
        #expect(configMap.binaryData == nil)
    }

    @Test func minimalObjectsLeaveOptionalsNil() throws {
        // The shape of the corpus' smallest Stage: nothing but the origin and a direct source.
        let stage = try decode(Stage.self, #"""
        {"apiVersion": "kargo.akuity.io/v1alpha1", "kind": "Stage", "metadata": {"name": "test", "namespace": "p"},
         "spec": {"requestedFreight": [{"origin": {"kind": "Warehouse", "name": "w"}, "sources": {"direct": true}}]}}
        """#)
        #expect(stage.status == nil)
        #expect(stage.spec.promotionTemplate == nil)
        #expect(stage.spec.verification == nil)
        #expect(stage.spec.requestedFreight?.first?.sources?.requiredSoakTime == nil)

        let project = try decode(Project.self, #"{"apiVersion": "kargo.akuity.io/v1alpha1", "kind": "Project", "metadata": {"name": "p"}}"#)
        #expect(project.spec == nil && project.status == nil)

        let warehouse = try decode(Warehouse.self, #"""
        {"apiVersion": "kargo.akuity.io/v1alpha1", "kind": "Warehouse", "metadata": {"name": "w", "namespace": "p"},
         "spec": {"subscriptions": [{"git": {"repoURL": "https://github.com/example/app.git"}}]}}
        """#)
        // No defaults are filled in while decoding: Kargo's defaults are the planner's business.
        #expect(warehouse.spec.interval == nil)
        #expect(warehouse.spec.freightCreationPolicy == nil)
        #expect(warehouse.spec.subscriptions?.first?.git?.commitSelectionStrategy == nil)
        #expect(warehouse.spec.subscriptions?.first?.git?.discoveryLimit == nil)

        let encoded = try encodeToString(warehouse)
        #expect(encoded == #"{"apiVersion":"kargo.akuity.io\/v1alpha1","kind":"Warehouse","metadata":{"name":"w","namespace":"p"},"spec":{"subscriptions":[{"git":{"repoURL":"https:\/\/github.com\/example\/app.git"}}]}}"#)
    }

    @Test func emptyAvailabilityStrategyIsKeptAsWritten() throws {
        let sources = try decode(FreightSources.self, #"{"stages": ["test"], "availabilityStrategy": ""}"#)
        #expect(sources.availabilityStrategy == .unspecified)
        #expect(try encodeToString(sources) == #"{"availabilityStrategy":"","stages":["test"]}"#)
    }

    @Test(arguments: [
        // A required name is missing.
        (#"{"value": "x"}"#, "PromotionVariable"),
        // Not one of the CRD's enum values.
        (#"{"repoURL": "ghcr.io/example/app", "imageSelectionStrategy": "Newest"}"#, "ImageSubscription"),
        (#"{"kind": "Bucket", "name": "w"}"#, "FreightOrigin"),
        // Wrong JSON type.
        (#"{"direct": "yes"}"#, "FreightSources"),
        (#"{"name": "m", "count": true}"#, "Metric"),
    ])
    func rejectsInvalidInput(_ json: String, _ typeName: String) {
        #expect(throws: DecodingError.self) {
            switch typeName {
            case "PromotionVariable": _ = try decode(PromotionVariable.self, json)
            case "ImageSubscription": _ = try decode(ImageSubscription.self, json)
            case "FreightOrigin": _ = try decode(FreightOrigin.self, json)
            case "FreightSources": _ = try decode(FreightSources.self, json)
            case "Metric": _ = try decode(Metric.self, json)
            default: Issue.record("unknown type \(typeName)")
            }
        }
    }

    @Test func buildsObjectsInCode() throws {
        let stage = Stage(
            metadata: ObjectMeta(name: "prod", namespace: "demo"),
            spec: StageSpec(
                requestedFreight: [RequestedFreight(origin: FreightOrigin(kind: .warehouse, name: "app"),
                                                    sources: FreightSources(stages: ["uat"], requiredSoakTime: "1h"))],
                promotionTemplate: PromotionTemplate(spec: PromotionTemplateSpec(steps: [
                    PromotionStep(uses: "git-push", as: "push", if: "${{ always() }}", config: .object(["path": .string("./out")])),
                ]))))
        #expect(stage.apiVersion == "kargo.akuity.io/v1alpha1")
        #expect(stage.kind == "Stage")
        let encoded = try encodeToString(stage)
        #expect(encoded.contains(#""as":"push""#))
        #expect(encoded.contains(#""if":"${{ always() }}""#))
        #expect(try decode(Stage.self, encoded) == stage)

        let template = AnalysisTemplate(metadata: ObjectMeta(name: "t"), spec: AnalysisTemplateSpec())
        #expect(template.apiVersion == "argoproj.io/v1alpha1")
        #expect(Secret(metadata: ObjectMeta(name: "s")).apiVersion == "v1")
    }
}

struct KargoKindTests {
    @Test(arguments: [
        (KargoKind.project, "kargo.akuity.io", false),
        (.projectConfig, "kargo.akuity.io", true),
        (.clusterConfig, "kargo.akuity.io", false),
        (.warehouse, "kargo.akuity.io", true),
        (.stage, "kargo.akuity.io", true),
        (.freight, "kargo.akuity.io", true),
        (.promotion, "kargo.akuity.io", true),
        (.promotionTask, "kargo.akuity.io", true),
        (.clusterPromotionTask, "kargo.akuity.io", false),
        (.analysisTemplate, "argoproj.io", true),
        (.clusterAnalysisTemplate, "argoproj.io", false),
        (.secret, "", true),
        (.configMap, "", true),
        (.customPromotionStep, "ee.kargo.akuity.io", false),
    ])
    func groupAndScope(_ kind: KargoKind, _ group: String, _ namespaced: Bool) {
        #expect(kind.apiGroup == group)
        #expect(kind.isNamespaced == namespaced)
        #expect(kind.apiVersion == (group.isEmpty ? "v1" : group + "/v1alpha1"))
    }

    @Test func rawValuesAreKindNames() {
        #expect(KargoKind.allCases.count == 14)
        #expect(KargoKind(rawValue: "ClusterAnalysisTemplate") == .clusterAnalysisTemplate)
        #expect(KargoKind(rawValue: "Namespace") == nil)
    }
}
