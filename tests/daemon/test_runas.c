/* Who a worker runs as (runas.h), for every kind of daemon and client:
 * the decision itself, without switching any process's identity, so it
 * runs as any user.  Names come from the user database every Debian has
 * (root, nobody, nogroup). */
#include <check.h>
#include <string.h>

#include "runas.h"
#include "tsuite.h"

static struct runas
made(bool root_daemon, const char *user, const char *group, bool allow_root)
{
	struct runas r;
	char err[256];

	ck_assert_msg(runas_init(&r, root_daemon, user, group, allow_root, err, sizeof(err)) == 0, "%s", err);
	return r;
}

static struct runas_id
picked(const struct runas *r, uid_t uid, gid_t gid)
{
	struct runas_id id;
	char err[256];

	ck_assert_msg(runas_pick(r, uid, gid, &id, err, sizeof(err)) == 0, "%s", err);
	return id;
}

static void
refused_init(bool root_daemon, const char *user, const char *group, const char *want)
{
	struct runas r;
	char err[256] = "";

	ck_assert_int_eq(runas_init(&r, root_daemon, user, group, false, err, sizeof(err)), -1);
	ck_assert_msg(strstr(err, want) != NULL, "'%s' lacks '%s'", err, want);
}

START_TEST(not_root_keeps_its_own)
{
	struct runas r = made(false, NULL, NULL, false);

	ck_assert_uint_eq(picked(&r, 1000, 1000).uid, 0);
	ck_assert_uint_eq(picked(&r, 0, 0).uid, 0);
}
END_TEST

START_TEST(root_runs_clients_as_themselves)
{
	struct runas r = made(true, NULL, NULL, false);
	struct runas_id id = picked(&r, 1000, 1001);

	ck_assert_uint_eq(id.uid, 1000);
	ck_assert_uint_eq(id.gid, 1001);
}
END_TEST

START_TEST(root_clients_refused_without_the_flag)
{
	struct runas r = made(true, NULL, NULL, false);
	struct runas_id id;
	char err[256] = "";

	ck_assert_int_eq(runas_pick(&r, 0, 0, &id, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "--allow-root-workers"));
	ck_assert_ptr_null(strchr(err, '\n'));
	r = made(true, NULL, "nogroup", false);
	ck_assert_int_eq(runas_pick(&r, 0, 0, &id, err, sizeof(err)), -1);
}
END_TEST

START_TEST(root_clients_with_the_flag)
{
	struct runas r = made(true, NULL, NULL, true);
	struct runas_id id = picked(&r, 0, 0);

	ck_assert_uint_eq(id.uid, 0);
	/* The flag is about root's workers only. */
	ck_assert_uint_eq(picked(&r, 1000, 1000).uid, 1000);
	/* It wins over --worker-user for root, and only for root. */
	r = made(true, "nobody", NULL, true);
	ck_assert_uint_eq(picked(&r, 0, 0).uid, 0);
	ck_assert_uint_eq(picked(&r, 1000, 1000).uid, 65534);
}
END_TEST

START_TEST(worker_user_for_everyone)
{
	struct runas r = made(true, "nobody", NULL, false);
	struct runas_id id = picked(&r, 1000, 1000);

	ck_assert_uint_eq(id.uid, 65534);
	ck_assert_uint_eq(id.gid, 65534);	/* nobody's primary group */
	id = picked(&r, 0, 0);
	ck_assert_uint_eq(id.uid, 65534);
	r = made(true, "65534", "100", false);
	id = picked(&r, 1000, 1000);
	ck_assert_uint_eq(id.uid, 65534);
	ck_assert_uint_eq(id.gid, 100);
}
END_TEST

START_TEST(worker_group_alone)
{
	struct runas r = made(true, NULL, "nogroup", false);
	struct runas_id id = picked(&r, 1000, 1001);

	ck_assert_uint_eq(id.uid, 1000);
	ck_assert_uint_eq(id.gid, 65534);
}
END_TEST

START_TEST(bad_flags)
{
	refused_init(true, "root", NULL, "may not run as root");
	refused_init(true, "0", NULL, "may not run as root");
	refused_init(true, NULL, "root", "group root");
	refused_init(true, NULL, "0", "group root");
	refused_init(true, "no-such-user-here", NULL, "--worker-user no-such-user-here: no such user");
	refused_init(true, NULL, "no-such-group-here", "--worker-group no-such-group-here: no such group");
	refused_init(true, "-5", NULL, "no such user");
	refused_init(true, "4294967295", NULL, "no such user");
	/* A uid without an entry has no primary group to take. */
	refused_init(true, "4000000", NULL, "give --worker-group");
	refused_init(false, "nobody", NULL, "only a root daemon");
	refused_init(false, NULL, "nogroup", "only a root daemon");
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("runas");
	TCase *tc = tcase_create("runas");

	tcase_add_test(tc, not_root_keeps_its_own);
	tcase_add_test(tc, root_runs_clients_as_themselves);
	tcase_add_test(tc, root_clients_refused_without_the_flag);
	tcase_add_test(tc, root_clients_with_the_flag);
	tcase_add_test(tc, worker_user_for_everyone);
	tcase_add_test(tc, worker_group_alone);
	tcase_add_test(tc, bad_flags);
	suite_add_tcase(s, tc);
	return tsuite_run(s);
}
