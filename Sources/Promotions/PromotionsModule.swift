// Running a Promotion's steps: PromotionTask expansion, vars, `${{ }}` evaluation, `as`,
// `if`, `continueOnError`, `retry`, outputs, and the steps that write state
// (`set-metadata`, `set-freight-alias`).
