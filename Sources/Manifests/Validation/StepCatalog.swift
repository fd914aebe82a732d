/// The promotion steps Kargo defines (its documentation lists one page per step). A name
/// outside Kargo's list is a typo or a custom step; which of them this build runs is the
/// step registry's business (`ConfigValidator(runnableSteps:)`): a Kargo step Freightline
/// does not run yet is loaded and reported, and only fails when a promotion reaches it.
public enum StepCatalog {
    public static let kargoSteps: Set<String> = [
        "argocd-update", "argocd-wait", "compose-output", "copy", "delete", "fail", "file-write",
        "get-user-input", "gh-create-issue", "gh-issue-add-comment", "gh-issue-delete-comment",
        "gh-issue-update-comment", "gh-search-issues", "gh-update-issue", "gh-wait-for-issue-state",
        "gha-dispatch-workflow", "gha-wait-for-workflow", "git-clear", "git-clone", "git-commit",
        "git-merge-pr", "git-open-pr", "git-push", "git-tag", "git-wait-for-pr", "github-push",
        "hcl-update", "helm-template", "helm-update-chart", "http", "http-download", "jfrog-evidence",
        "jira", "json-parse", "json-update", "kustomize-build", "kustomize-set-image", "oci-download",
        "oci-push", "record-audit-event", "send-message", "set-freight-alias", "set-metadata",
        "snow-create", "snow-delete", "snow-query-for-records", "snow-update", "snow-wait-for-condition",
        "tar", "tf-apply", "tf-output", "tf-plan", "toml-parse", "toml-update", "untar",
        "wait-for-approval", "yaml-merge", "yaml-parse", "yaml-update",
    ]
}
