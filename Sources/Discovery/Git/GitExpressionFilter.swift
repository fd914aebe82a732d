import Expressions
import Pipeline

/// A Git subscription's `expressionFilter`: a bare expr-lang expression (no `${{ }}`) that
/// Kargo compiles once and evaluates for each commit (`NewestFromBranch`) or eligible tag,
/// keeping those it holds for. Commits see `id`, `commitDate`, `author`, `committer` and
/// `subject`; tags see `tag`, `id`, `creatorDate`, `author`, `committer`, `subject`,
/// `tagger` and `annotation` (the last two empty for a lightweight tag).
struct GitExpressionFilter: Sendable {
    static let field = "expressionFilter"

    let expression: ParsedExpression
    /// What `now()` reads: the time of the discovery run.
    let now: Timestamp

    /// Compiles `text`, as Kargo does when it builds the selector.
    ///
    /// - Throws: a syntax error, or a call to one of Kargo's promotion-step functions, which
    ///   a Warehouse filter does not have.
    init(_ text: String, now: Timestamp) throws(GitSelectionProblem) {
        do {
            expression = try ParsedExpression(text)
        } catch {
            throw GitSelectionProblem("\(Self.field): \(error.message)", field: Self.field)
        }
        if let call = expression.firstKargoFunctionCall {
            throw GitSelectionProblem(
                "\(Self.field): \(call.name)() at column \(call.column) is a promotion-step function; a Warehouse "
                    + "filter has expr-lang's builtins only (such as date(), duration(), now(), len())",
                field: Self.field)
        }
        self.now = now
    }

    /// Whether `commit` stays in a `NewestFromBranch` selection.
    func keeps(_ commit: GitCommitCandidate) throws(GitSelectionProblem) -> Bool {
        try verdict(for: "commit \(commit.id)", variables: [
            "id": .string(commit.id),
            "commitDate": .time(commit.commitDate, utcOffset: commit.commitDateUTCOffset),
            "author": .string(commit.author),
            "committer": .string(commit.committer),
            "subject": .string(commit.subject),
        ])
    }

    /// Whether `tag` stays in a tag strategy's selection.
    func keeps(_ tag: GitTagCandidate) throws(GitSelectionProblem) -> Bool {
        try verdict(for: "tag \(EscapedText.doubleQuoted(tag.name))", variables: [
            "tag": .string(tag.name),
            "id": .string(tag.commit.id),
            "creatorDate": .time(tag.creatorDate, utcOffset: tag.creatorDateUTCOffset),
            "author": .string(tag.commit.author),
            "committer": .string(tag.commit.committer),
            "subject": .string(tag.commit.subject),
            "tagger": .string(tag.tagger ?? ""),
            "annotation": .string(tag.annotation ?? ""),
        ])
    }

    /// Kargo keeps a candidate when the result is true, or converts to true as
    /// `strconv.ParseBool(fmt.Sprint(result))` does; any other result fails the subscription.
    private func verdict(for candidate: String, variables: [String: ExpressionValue]) throws(GitSelectionProblem) -> Bool {
        let now = self.now
        let result: ExpressionValue
        do {
            result = try expression.evaluate(in: ExpressionContext(variables: variables, clock: { now }))
        } catch {
            throw GitSelectionProblem("\(Self.field): evaluating for \(candidate): \(error)", field: Self.field)
        }
        guard let verdict = result.filterVerdict else {
            let shown = if case .string(let text) = result { "string \(EscapedText.doubleQuoted(text))" } else { result.typeName }
            throw GitSelectionProblem(
                "\(Self.field): the expression must give a bool (true or false), but gave \(shown) for \(candidate)",
                field: Self.field)
        }
        return verdict
    }
}
