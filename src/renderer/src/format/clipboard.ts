// Copies text to the clipboard, with a message the user can act on when the browser refuses.

export async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    throw new Error('the clipboard refused the copy: allow clipboard access for this page');
  }
}
