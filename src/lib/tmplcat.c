/*
 * tmplcat.c -- the template catalogue: every template klachtd renders and
 * every variable any of them may use, with a sample value.
 *
 * One list serves three readers: `klachtd -n` (and a reload) test-renders
 * every template in every language with every variable, so a typo in a
 * template is found before a complainant sees it; the unit test
 * test_tmplcat checks that each is shipped in etc/templates/{nl,en} and
 * installed by the mk/ fragments; man-templates.sh checks klachtd-templates(5)
 * against it.  A new template or variable is added here, with its files,
 * its install line and its man page entry.
 */
#include "config.h"

#include <stdlib.h>

#include "lang.h"
#include "template.h"
#include "util.h"

const char *const tmpl_catalogue[] = { "ack", "undeliverable",
	"notify", "notify-reply", "assigned", "confirm", "cmd-error", "refused",
	"update", "extension", "reopened", "category-moved",
	/* terms and escalation (issue 5) */
	"reminder", "escalation", "escalation-confidential", "unassigned",
	"digest", "respondent-copy", "extension-respondent", "outcome-awb",
	"outcome-wkkgz", "outcome-niet-ontvankelijk", "outcome-ingetrokken",
	/* issue 18: expired reply token, a flood from one sender */
	"token-expired", "flood",
	/* issue 16: a letter for the post room to print (outpost.c) */
	"print",
	/* issue 13: answers to desk mail, about no case (officer_desk.c) */
	"desk-confirm", "desk-error", "desk-refused",
	/* issue 13: the case file (officer_dossier.c) */
	"dossier",
	/* issue 13: an officer away, told to the coordinator (absence.c) */
	"absence",
	/* issue 13: the officer's overview and search (officer_overview.c) */
	"overview", "search",
	/* issue 14: the due date moved (officer_due.c) */
	"due-changed",
	/* issue 14: roles and independence (role.c, officer.c) */
	"involved", "independence", "no-commands",
	/* issue 16: four-eyes approval of outcome letters
	 * (officer_letter.c) */
	"approval-request", "approval-rejected",
	/* issue 13: no contact with the complainant within the term */
	"first-contact",
	/* issue 13: an officer's mail over limits.max_message_size */
	"too-large",
	/* issue 15: improvement measures (measure.c, officer_measure.c) */
	"measure", "measure-reminder", "measure-late", "measure-done",
	/* issue 15: a measure owned by a named contact (measure.c,
	 * measure_contact.c) */
	"measure-contact", "measure-contact-reminder",
	"measure-contact-answer",
	/* issue 15: the satisfaction question after closing (satisfy.c) */
	"satisfaction",
	/* issue 15: the complaint solved informally (officer_informal.c) */
	"resolved",
	/* issue 15: a request forwarded to the desk it is for */
	"redirected",
	/* issue 15: hearings (officer_hearing.c) */
	"hearing-invitation", "hearing-invitation-respondent",
	"hearing-cancelled", "hearing-cancelled-respondent",
	"hearing-report", "hearing-report-respondent", NULL };
const struct tmpl_var tmpl_catalogue_vars[] = {
	{ "reference", "KL-2000-00001" }, { "name", "x" },
	{ "email", "x@example.org" }, { "subject", "x" },
	{ "received_date", "1 januari 2000" },
	{ "due_date", "12 februari 2000" }, { "status", "x" },
	{ "organisation", "x" }, { "address", "x@example.org" },
	{ "attachments_not_stored", "" }, { "term", "6 weken" },
	{ "recipient", "x@example.org" }, { "error", "550 no such user" },
	{ "failed_kind", "ack" }, { "outbox_id", "1" },
	/* officer.c, officer_exec.c */
	{ "officer_name", "x" }, { "officer_id", "x" }, { "text", "x" },
	{ "attachments", "x" }, { "category", "x" }, { "assignee", "x" },
	{ "priority", "x" }, { "confidential", "" }, { "from", "x" },
	{ "assigned_by", "x" }, { "moved_by", "x" }, { "changes", "x" }, { "help", "x" },
	{ "errors", "x" }, { "reason", "x" }, { "findings", "x" },
	{ "judgement", "x" }, { "ombudsman", "x" },
	{ "decided_date", "1 januari 2000" }, { "extension", "4 weken" },
	{ "pending", "1" }, { "finished", "" }, { "heard", "1" },
	{ "same_sender", "" }, { "letter_language", "" }, { "phone", "06 1234 5678" }, { "postal", "Kerkstraat 1; 1234 AB x" },
	{ "not_heard_a", "" },
	{ "not_heard_b", "" }, { "not_heard_c", "" },
	{ "old_due_date", "1 januari 2000" },
	/* issue 15 (officer_informal.c) */
	{ "formal_until", "15 januari 2000" },
	/* officer_files.c (issue 13) */
	{ "mail_subject", "x" }, { "mail_size", "60.0 MB" },
	{ "size_limit", "50.0 MB" }, { "outgoing_limit", "20.0 MB" },
	/* escalate.c, officer_exec.c (issue 5) */
	{ "contact_name", "x" }, { "level", "niveau 1" }, { "what", "x" },
	{ "days_left", "7" }, { "overdue_days", "0" }, { "extended", "ja" },
	{ "hours", "16" }, { "week_date", "3 januari 2000" },
	{ "open_count", "1" }, { "due_count", "1" }, { "overdue_count", "1" },
	{ "extended_count", "1" }, { "due_list", "- x\n" },
	{ "overdue_list", "- x\n" }, { "extended_list", "- x\n" },
	{ "respondent_name", "x" }, { "conclusions", "x" },
	{ "decisions", "x" }, { "measures_date", "1 maart 2000" },
	{ "disputes_body", "x" }, { "is_awb", "1" }, { "is_wkkgz", "" },
	/* issue 18 */
	{ "token_days", "180" }, { "sender", "x@example.org" },
	{ "count", "11" }, { "cap", "10" },
	/* issue 16 (outpost.c) */
	{ "postal_address", "Dorpsstraat 1\n1234 AB Testdorp" },
	{ "pages", "1" }, { "letter_subject", "x" },
	{ "letter_date", "1 januari 2000" },
	/* issue 16: letters for people (outmail.c, officer_exec.c) */
	{ "salutation", "Geachte heer/mevrouw" }, { "about", "x" },
	{ "handler_name", "x" }, { "handler_title", "x" },
	{ "handler_phone", "x" }, { "handler_person", "1" },
	{ "org_phone", "x" }, { "signature", "x" },
	{ "due_passed", "" }, { "due_ahead", "1" },
	{ "upheld", "1" }, { "partly_upheld", "" }, { "not_upheld", "" },
	{ "late", "" }, { "respondent_salutation", "Geachte heer/mevrouw" },
	/* issue 13 (officer_dossier.c) */
	{ "dossier", "DOSSIER KL-2000-00001\n" }, { "attachment_count", "2" },
	/* issue 13: officer absence (absence.c) */
	{ "on_behalf", "namens x (afwezig tot en met 1 maart 2000)" },
	{ "absent_name", "x" }, { "absent_id", "x" },
	{ "until_date", "1 maart 2000" }, { "substitute", "x" },
	{ "by_command", "1" },
	/* issue 13 (officer_overview.c) */
	{ "weekly", "" }, { "asked", "1" }, { "mine_count", "1" },
	{ "mine_list", "- x\n" }, { "unassigned_count", "1" },
	{ "unassigned_list", "- x\n" }, { "query", "x" },
	{ "match_count", "1" }, { "search_list", "- x\n" },
	{ "more_count", "" },
	/* issue 14: roles (role.c, officer.c, escalate.c) */
	{ "who", "De beklaagde" }, { "role", "beklaagde" },
	{ "from_who", "x <x@example.org>" }, { "after_decision", "" },
	{ "formal_request", "" },
	{ "refused", "" }, { "to_officer", "1" },
	/* issue 16: approval (officer_letter.c) */
	{ "author", "x" }, { "approver", "x" }, { "approvers", "x" },
	{ "letter", "x" }, { "awaiting_approval", "" },
	/* issue 15: improvement measures (measure.c) */
	{ "measure_ref", "M-2000-0001" }, { "measure_text", "x" },
	{ "measure_due", "1 maart 2000" }, { "measure_owner", "x" },
	{ "done_text", "x" },
	/* issue 15: the answer to a measure owner's reply
	 * (measure_contact.c) */
	{ "answer", "x" }, { "done", "1" },
	/* issue 15: misdirected requests (officer.c, officer_redirect.c) */
	{ "looks_like", "x" }, { "redirect_what", "een bezwaarschrift" },
	{ "redirect_to", "x@example.org" },
	/* issue 15: hearings (officer_hearing.c) */
	{ "hearing_date", "10 maart 2000" }, { "hearing_time", "14:00" },
	{ "hearing_place", "x" }, { "by_phone", "" }, { "not_by_phone", "1" }, { "changed", "" }, { "calendar", "1" },
	{ NULL, NULL }
};

int
tmpl_catalogue_check(const char *dir, char **cause)
{
	static const enum lang	 langs[] = { LANG_NL, LANG_EN };
	struct tmpl_out		 t;
	struct buf		 b;
	char			*why = NULL;
	size_t			 i, j, nvars;

	for (nvars = 0; tmpl_catalogue_vars[nvars].name != NULL; nvars++)
		;
	buf_init(&b);
	for (i = 0; i < sizeof langs / sizeof langs[0]; i++)
		for (j = 0; tmpl_catalogue[j] != NULL; j++) {
			if (tmpl_render_file(dir, lang_name(langs[i]),
			    tmpl_catalogue[j], tmpl_catalogue_vars, nvars, &t,
			    &why) == -1) {
				buf_printf(&b, "%s%s", b.len ? "\n" : "", why);
				free(why);
				why = NULL;
			} else
				tmpl_out_free(&t);
		}
	return buf_to_cause(&b, cause);
}
