/// Argument checking shared by functions, with Kargo's wording ("expected 1 argument, got 2").
struct Arguments {
    let function: String
    let values: [ExpressionValue]

    var count: Int { values.count }

    func expect(_ range: ClosedRange<Int>) throws(ExpressionRuntimeError) {
        guard !range.contains(values.count) else { return }
        let wanted =
            range.lowerBound == range.upperBound
            ? "\(range.lowerBound) argument\(range.lowerBound == 1 ? "" : "s")"
            : "\(range.lowerBound)-\(range.upperBound) arguments"
        throw ExpressionRuntimeError("\(function)(): expected \(wanted), got \(values.count)")
    }

    func expect(_ count: Int) throws(ExpressionRuntimeError) { try expect(count...count) }

    subscript(_ index: Int) -> ExpressionValue { index < values.count ? values[index] : .null }

    func string(_ index: Int) throws(ExpressionRuntimeError) -> String {
        guard case .string(let text) = self[index] else {
            throw ExpressionRuntimeError(
                "\(function)(): \(Self.ordinal(index)) argument must be string, got \(self[index].typeName)")
        }
        return text
    }

    func integer(_ index: Int) throws(ExpressionRuntimeError) -> Int64 {
        guard let number = Operators.integer(self[index]) else {
            throw ExpressionRuntimeError(
                "\(function)(): \(Self.ordinal(index)) argument must be an integer, got \(self[index].typeName)")
        }
        return number
    }

    func array(_ index: Int) throws(ExpressionRuntimeError) -> [ExpressionValue] {
        guard case .array(let items) = self[index] else {
            throw ExpressionRuntimeError(
                "\(function)(): \(Self.ordinal(index)) argument must be an array, got \(self[index].typeName)")
        }
        return items
    }

    func nonEmptyString(_ index: Int, _ what: String) throws(ExpressionRuntimeError) -> String {
        let text = try string(index)
        guard !text.isEmpty else { throw ExpressionRuntimeError("\(function)(): \(what) must not be empty") }
        return text
    }

    static func ordinal(_ index: Int) -> String {
        ["first", "second", "third", "fourth"][min(index, 3)]
    }
}
