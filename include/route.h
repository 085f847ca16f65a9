/*
 * route.h -- which category a new complaint's address names (issue 14).
 *
 * The organisation can give categories addresses of their own: the plus
 * address "klachten+<category>@<domain>" of the complaints address, and
 * any addresses listed in categories[].addresses (e.g.
 * "vertrouwelijk@example.org", delivered to klachtd by the MTA).  A
 * complaint sent there is opened in that category at once -- notified
 * only to its officers, acknowledged with its term -- so a confidential
 * complaint is never broadcast to every officer first.
 *
 * A plus address is also the form of an officer's reply token
 * (token.h: "klachten+<ref>.<officer>.<mac>@"): a token always holds
 * dots, so a plus part with a dot is never taken as a category (a
 * category id with a dot can be reached by categories[].addresses
 * only), and a genuine token is found by intake before this is asked.
 */
#ifndef KLACHT_ROUTE_H
#define KLACHT_ROUTE_H

#include "cfg.h"
#include "mail.h"

/*
 * The category m's recipients (struct mail rcpts: To, Cc, Delivered-To,
 * X-Original-To) name, or NULL.  When they name several, a confidential
 * one wins (the strictest reading: who sent to vertrouwelijk@ and
 * klachten+afval@ gets the confidential handling), else the first in
 * the configuration's order.  Pure.
 */
const struct cfg_category *route_category(const struct cfg *,
		    const struct mail *m);

#endif
