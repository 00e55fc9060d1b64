/// User input quoted back in a message, cut short so a pasted essay does not flood the form.
pub(super) fn echo(input: &str) -> String {
    input.chars().take(40).collect()
}
