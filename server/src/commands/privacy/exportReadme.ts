/** The archive's README: what each file holds, in German first and English second (ADR 0053). */
export function exportReadme(facts: { createdAt: number; tenantName: string; chat: boolean }): string {
  const when = new Date(facts.createdAt).toISOString();
  return `# Ihre Daten im Arbeitsbereich / Your data in the workspace

Erstellt / made: ${when} · Mandant / tenant: ${facts.tenantName}

## Deutsch

Dieses Archiv enthält die Daten, die der Arbeitsbereich über Sie speichert (Art. 15 und 20 DSGVO).

| Datei | Inhalt |
| --- | --- |
| \`profile.json\` | Ihr Profil im Arbeitsbereich (Name, E-Mail, Anmeldename, Rolle im Mandanten, Status, Sprache, Gastzugang) und Ihr Konto bei der Anmeldung (Keycloak) |
| \`memberships.json\` | Die Räume, in denen Sie Mitglied sind, mit Ihrer Rolle und dem Datum, seit dem Sie dabei sind |
| \`audit.json\` | Die Einträge des Protokolls, in denen Sie handeln oder von denen Sie betroffen sind |
| \`documents/index.json\` | Die Dokumente, die Sie angelegt haben, mit allen Versionen, und die Versionen, die Sie zu Dokumenten anderer beigetragen haben |
| \`documents/<Raum>/<Dokument>/v<Nummer>-<Name>\` | Jede dieser Versionen, Byte für Byte so, wie sie gespeichert ist (die Prüfsumme SHA-256 steht im Index) |
${
  facts.chat
    ? `| \`chat/account.json\` | Ihr Chat-Konto, wie der Matrix-Server (Synapse) es führt |
| \`chat/account-data.json\` | Ihre Kontodaten beim Chat-Server: Einstellungen, Lesemarken, Verweise auf Ihre Schlüsselsicherung |
| \`chat/memberships.json\` | Die Chat-Räume, in denen Ihr Konto Mitglied ist oder war |
| \`chat/events/<Raum>.jsonl\` | Die Ereignisse (Nachrichten, Reaktionen, Änderungen), die Sie in diesem Raum gesendet haben, eines je Zeile |
`
    : ''
}
**Verschlüsselte Räume:** Die Chat-Ereignisse stehen hier so, wie der Chat-Server sie speichert. In
Ende-zu-Ende-verschlüsselten Räumen (alle Räume des Arbeitsbereichs) ist das der verschlüsselte Text
(\`m.room.encrypted\`): Der Server hat die Schlüssel nie. Lesbar sind diese Nachrichten nur auf Ihren
eigenen Geräten oder mit Ihrer Schlüsselsicherung.

Texte kollaborativer Dokumente sind als gespeicherte Versionen enthalten. Versionen, die die
Virenprüfung zurückhält, stehen im Index ohne Datei (\`path\`: null). Dieses Archiv wird nach
sieben Tagen gelöscht.

## English

This archive holds the data the workspace keeps about you (GDPR Art. 15 and 20).

| File | What it holds |
| --- | --- |
| \`profile.json\` | Your profile in the workspace (name, e-mail, sign-in name, tenant role, status, language, guest term) and your sign-in account (Keycloak) |
| \`memberships.json\` | The rooms you belong to, with your role and since when |
| \`audit.json\` | The entries of the audit log in which you act or which concern you |
| \`documents/index.json\` | The documents you created, with all their versions, and the versions you added to documents of others |
| \`documents/<room>/<document>/v<number>-<name>\` | Each of those versions, byte for byte as stored (its SHA-256 is in the index) |
${
  facts.chat
    ? `| \`chat/account.json\` | Your chat account as the Matrix homeserver (Synapse) keeps it |
| \`chat/account-data.json\` | Your account data at the homeserver: settings, read markers, references to your key backup |
| \`chat/memberships.json\` | The chat rooms your account is or was a member of |
| \`chat/events/<room>.jsonl\` | The events (messages, reactions, changes) you sent to that room, one per line |
`
    : ''
}
**Encrypted rooms:** the chat events are here as the homeserver stores them. In end-to-end encrypted
rooms (every room of the workspace) that is ciphertext (\`m.room.encrypted\`): the homeserver never
holds the keys. Only your own devices or your key backup can read those messages.

Collaborative text documents are included as their stored versions. Versions the malware scan
holds back are listed in the index without a file (\`path\`: null). This archive is deleted after
seven days.
`;
}
