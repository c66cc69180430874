-- name: macros
-- description: Table and scalar macros over the staging and intermediate models, for what
--   several indicators ask alike. They take policy values as arguments (an indicator passes its
--   bound $parameters), never a value written into the SQL. A table macro reads the temporary
--   table `windows` (as_of_date, from_date) that every indicator reads. Names are qualified
--   (main., temp.) so a common table expression of the same name in the calling query cannot
--   stand in for the table; a macro that is given rows (items_due, reviewed_within,
--   window_items...) reads the caller's table or common table expression by name, through
--   query_table, and keeps its columns. Built once per load, after the models they read.
-- source: Oversight's conventions ("Management entry", "Open case", "Ratings on day t")

-- The latest management entry of a case dated on or before by_date and recorded by the end of
-- as_of_date (an entry recorded after D does not exist yet on D); null if none.
create macro latest_entry_by(for_case_id, by_date, as_of_date, any_author_counts) as (
    select max(entries.entry_date)
    from main.management_entries as entries
    where entries.case_id = for_case_id
        and entries.entry_date <= by_date
        and entries.recorded_date <= as_of_date
        and (entries.author_is_manager or any_author_counts)
);

-- The first management entry of a case dated from since_date to as_of_date and recorded by the
-- end of as_of_date that answers something due: with notes_only a note (not a
-- countersignature); by an author whose role is in author_roles, or, with author_roles null, by
-- a manager (any author with any_author_counts); null if none. QA1 asks for a manager's note;
-- QA2 and ES1 for a note by a level of manager; TL6 for any management entry.
create macro first_answer_since(for_case_id, since_date, as_of_date, notes_only, author_roles, any_author_counts) as (
    select min(entries.entry_date)
    from main.management_entries as entries
    where entries.case_id = for_case_id
        and (entries.source = 'note' or not notes_only)
        and entries.entry_date >= since_date
        and entries.entry_date <= as_of_date
        and entries.recorded_date <= as_of_date
        and case
            when author_roles is null then entries.author_is_manager or any_author_counts
            else coalesce(list_contains(author_roles, entries.author_role), false)
        end
);

-- The first management entry of a case (any kind, by a manager, or by anyone with
-- any_author_counts) dated from since_date to as_of_date and recorded by the end of as_of_date;
-- null if none (FP3; JG1's events check reads the same rule from the entries it has already read).
create macro first_entry_since(for_case_id, since_date, as_of_date, any_author_counts) as
    first_answer_since(for_case_id, since_date, as_of_date, false, null, any_author_counts);

-- The latest management-category note of a case dated on or before as_of_date and recorded by
-- the end of it, by an author whose role is in author_roles; null if none (ES2).
create macro latest_note_by(for_case_id, as_of_date, author_roles) as (
    select max(entries.entry_date)
    from main.management_entries as entries
    where entries.case_id = for_case_id
        and entries.source = 'note'
        and entries.entry_date <= as_of_date
        and entries.recorded_date <= as_of_date
        and coalesce(list_contains(author_roles, entries.author_role), false)
);

-- Cases open on each D (no end date, or one on or after D) that started at least lag_days
-- before it.
create macro open_cases_on(lag_days) as table
    select windows.as_of_date, windows.from_date, cases.case_id, cases.start_date, cases.disposal
    from temp.windows as windows
    inner join main.cases as cases
        on cases.start_date <= windows.as_of_date - lag_days
        and (cases.end_date is null or cases.end_date >= windows.as_of_date);

-- Cases open on each D that are high risk on D and were high risk on D - lag_days, each rating
-- the one in force that day (rating_spans): RC2's population, and so ES2's.
create macro high_risk_cases(lag_days) as table
    with open_cases as (
        select *, as_of_date - lag_days as earlier_date
        from open_cases_on(0)
    )

    select
        open_cases.*,
        now.rosh as rosh_on_d,
        now.swb as swb_on_d,
        earlier.rosh as rosh_earlier,
        earlier.swb as swb_earlier
    from open_cases
    inner join main.rating_spans as now
        on open_cases.case_id = now.case_id
        and open_cases.as_of_date >= now.valid_from
        and (now.valid_to is null or open_cases.as_of_date < now.valid_to)
    inner join main.rating_spans as earlier
        on open_cases.case_id = earlier.case_id
        and open_cases.earlier_date >= earlier.valid_from
        and (earlier.valid_to is null or open_cases.earlier_date < earlier.valid_to)
    where now.high and earlier.high;

-- Open cases (open_cases_on) with their latest management entry by D, recorded by D: the span
-- of latest_entry_spans in force on D.
create macro open_cases_with_latest_entry(lag_days, any_author_counts) as table
    select
        open_cases.*,
        case
            when any_author_counts then latest.latest_entry_date
            else latest.latest_manager_entry_date
        end as latest_entry_date
    from open_cases_on(lag_days) as open_cases
    left join main.latest_entry_spans as latest
        on open_cases.case_id = latest.case_id
        and open_cases.as_of_date >= latest.valid_from
        and (latest.valid_to is null or open_cases.as_of_date < latest.valid_to);

-- Case notes in a management category dated in each period and recorded by the end of D, on
-- cases started by D, with how long they took to record (seconds_to_record,
-- working_days_to_record: management_entries holds them beside each note, as entry_delays lists).
create macro entries_in_period(any_author_counts) as table
    select windows.as_of_date, entries.*
    from temp.windows as windows
    inner join main.management_entries as entries
        on entries.entry_date between windows.from_date and windows.as_of_date
        and entries.recorded_date <= windows.as_of_date
    inner join main.cases as cases
        on entries.case_id = cases.case_id
        and cases.start_date <= windows.as_of_date
    where entries.source = 'note'
        and (entries.author_is_manager or any_author_counts);

-- The notes of entries_in_period that have text (white space alone is no text).
create macro notes_with_text_in_period(any_author_counts) as table
    select * from entries_in_period(any_author_counts)
    where text is not null and word_count > 0;

-- TL1's and TL3's rows: entries_in_period of the given categories (null: any), only those
-- marked significant when significant_only, met when recorded within limit_hours of the event.
create macro entries_recorded_within(limit_hours, categories, significant_only, any_author_counts) as table
    with judged as (
        select *, seconds_to_record <= limit_hours * 3600 as in_numerator
        from entries_in_period(any_author_counts)
        where (categories is null or list_contains(categories, category))
            and (significant or not significant_only)
    )

    select
        as_of_date,
        case_id,
        cast(null as varchar) as staff_id,
        entry_id as item_id,
        entry_date as item_date,
        in_numerator,
        case
            when not in_numerator
                then 'recorded ' || cast(floor(seconds_to_record / 3600) as bigint) || ' h '
                    || lpad(cast(cast(floor(seconds_to_record % 3600 / 60) as bigint) as varchar), 2, '0')
                    || ' min after the event (limit ' || limit_hours || ' h)'
        end as gap,
        entry_date as since_date,
        note_type,
        category,
        author_id,
        entry_has_time as event_time_given,
        recorded_date,
        round(seconds_to_record / 3600, 1) as hours_to_record
    from judged;

-- Stages completed in each period on cases started by D whose wait_working_days after
-- completion have run out by D; a countersignature after D is not known on D.
create macro stages_due_by(wait_working_days) as table
    select
        windows.as_of_date,
        stages.case_id,
        stages.assessment_id,
        stages.stage,
        stages.started_date,
        stages.completed_date,
        case when stages.countersigned_date <= windows.as_of_date then stages.countersigned_date end
            as countersigned_date,
        case when stages.countersigned_date <= windows.as_of_date then stages.countersigned_by end
            as countersigned_by,
        case when stages.countersigned_date <= windows.as_of_date then stages.working_days_to_countersign end
            as working_days_to_countersign,
        add_working_days(stages.completed_date, wait_working_days) as deadline_date,
        working_days_between(stages.completed_date, windows.as_of_date) as working_days_since_completion
    from temp.windows as windows
    inner join main.stage_facts as stages
        on stages.completed_date between windows.from_date and windows.as_of_date
    inner join main.cases as cases
        on stages.case_id = cases.case_id
        and cases.start_date <= windows.as_of_date
    where add_working_days(stages.completed_date, wait_working_days) <= windows.as_of_date;

-- The whole calendar months in each period: from_date <= the 1st and the last day <= D.
create macro whole_months_in_period() as table
    select
        windows.as_of_date,
        cast(m.month_start as date) as month_start,
        last_day(cast(m.month_start as date)) as month_end
    from temp.windows as windows
    cross join unnest(
        generate_series(date_trunc('month', windows.from_date), windows.as_of_date, interval 1 month)
    ) as m (month_start)
    where cast(m.month_start as date) >= windows.from_date
        and last_day(cast(m.month_start as date)) <= windows.as_of_date;

-- The whole months in the period (whole_months_in_period) in which a member of staff was
-- absent on more than half the month's working days (exactly half is not more): excused from
-- that month's supervision (DR4). An absence covers from_date to to_date, both included; with
-- no to_date it runs to D (the month ends on or before D, so it covers the month to its end).
-- Overlapping absences count each day once: absence_spans has merged them.
create macro excused_months() as table
    with months as (
        select *, working_days_from_to(month_start, month_end) as working_days
        from whole_months_in_period()
    ),

    absent_days as (
        select
            months.as_of_date,
            months.month_start,
            spans.staff_id,
            sum(working_days_from_to(
                greatest(spans.from_date, months.month_start),
                least(coalesce(spans.to_date, months.month_end), months.month_end)
            )) as absent_days
        from months
        inner join main.absence_spans as spans
            on spans.from_date <= months.month_end
            and coalesce(spans.to_date, months.month_end) >= months.month_start
        group by all
    )

    select
        absent_days.as_of_date,
        absent_days.month_start,
        months.month_end,
        absent_days.staff_id,
        absent_days.absent_days as absent_working_days,
        months.working_days
    from absent_days
    inner join months
        on absent_days.as_of_date = months.as_of_date
        and absent_days.month_start = months.month_start
    where absent_days.absent_days * 2 > months.working_days;

-- Each member of staff's caseload on each D: the cases open on D they held that day
-- (holder_spans), with how many of them were raised risk on D (rating_spans).
create macro caseloads_on_d() as table
    with held as (
        select windows.as_of_date, holders.staff_id, holders.case_id
        from temp.windows as windows
        inner join main.holder_spans as holders
            on holders.held_from <= windows.as_of_date
            and (holders.held_to is null or holders.held_to >= windows.as_of_date)
    ),

    rated as (
        select held.*, coalesce(ratings.raised, false) as raised
        from held
        left join main.rating_spans as ratings
            on held.case_id = ratings.case_id
            and held.as_of_date >= ratings.valid_from
            and (ratings.valid_to is null or held.as_of_date < ratings.valid_to)
    )

    select as_of_date, staff_id, count(distinct case_id) as caseload,
        count(distinct case_id) filter (where raised) as raised_risk_cases
    from rated
    group by all;

-- A member of staff's caseload capacity: caseload_max cases per full-time post, times their
-- fte (1 when empty). Rounded so that 15 x 0.2 is 3, not 3.0000000000000004.
create macro caseload_capacity(caseload_max, fte) as round(caseload_max * coalesce(fte, 1), 9);

-- Victims identified in each period whose next step (a contact, an offer) was due by
-- working_days after identification, that deadline on or before D (VC2, VC3); with
-- consenting_only, only those who agreed to be contacted.
create macro victims_due(working_days, consenting_only) as table
    select
        windows.as_of_date,
        victims.*,
        add_working_days(victims.identified_date, working_days) as deadline_date
    from temp.windows as windows
    inner join main.victims as victims
        on victims.identified_date between windows.from_date and windows.as_of_date
    where add_working_days(victims.identified_date, working_days) <= windows.as_of_date
        and (not consenting_only or coalesce(victims.consent_to_contact, false));

-- The latest review of a case by D (panel_reviews): a panels meeting of panel_types (null: any)
-- or a panel-category management entry, dated and known by D; null if none (RC2, RC5).
create macro latest_review_by(for_case_id, as_of_date, panel_types, any_author_counts) as (
    select max(reviews.review_date)
    from main.panel_reviews as reviews
    where reviews.case_id = for_case_id
        and reviews.review_date <= as_of_date
        and reviews.known_from <= as_of_date
        and (reviews.source = 'entry' or panel_types is null or list_contains(panel_types, reviews.panel))
        and (reviews.author_is_manager or any_author_counts)
);

-- What is due by each D: the rows of `items` (a table or common table expression naming
-- case_id, due_from and deadline_date) whose due_from is in the period and deadline_date on or
-- before D, on cases started by D (ES1, TL6, QA1, QA2, TL7).
create macro items_due(items) as table
    select windows.as_of_date, items.*
    from temp.windows as windows
    inner join query_table(items) as items
        on items.due_from between windows.from_date and windows.as_of_date
        and items.deadline_date <= windows.as_of_date
    inner join main.cases as cases
        on items.case_id = cases.case_id
        and cases.start_date <= windows.as_of_date;

-- Rows of items_due(items) met when answered by their deadline (first_answer_since from
-- due_from, with notes_only, author_roles and any_author_counts). `items` also names item_id
-- and `missing`, the gap's words before "by <deadline>"; the rest of its columns follow the
-- gap and since_date (due_from) as they stand, then first_answer_date.
create macro answered_by_deadline(items, notes_only, author_roles, any_author_counts) as table
    with answered as (
        select
            *,
            first_answer_since(case_id, due_from, as_of_date, notes_only, author_roles, any_author_counts)
                as first_answer_date
        from items_due(items)
    ),

    judged as (
        select *, coalesce(first_answer_date <= deadline_date, false) as in_numerator
        from answered
    )

    select
        as_of_date,
        case_id,
        cast(null as varchar) as staff_id,
        item_id,
        due_from as item_date,
        in_numerator,
        case when not in_numerator then missing || ' by ' || strftime(deadline_date, '%d %b %Y') end as gap,
        due_from as since_date,
        * exclude (as_of_date, case_id, item_id, due_from, missing, in_numerator, first_answer_date),
        first_answer_date
    from judged;

-- ES1's and TL6's rows: events of event_types, each due by the working_days-th working day
-- after the service was notified of it, answered as answered_by_deadline says; the gap reads
-- "<missing> after the <event type> by <deadline>".
create macro events_answered(
    event_types, working_days, missing, notes_only := false, author_roles := null, any_author_counts := false
) as table
    with typed_events as (
        select
            case_id,
            event_id as item_id,
            notified_date as due_from,
            missing || ' after the ' || replace(event_type, '_', ' ') as missing,
            event_type,
            occurred_date,
            notified_date,
            add_working_days(notified_date, working_days) as deadline_date
        from main.event_facts
        where list_contains(event_types, event_type)
    )

    select * from answered_by_deadline(typed_events, notes_only, author_roles, any_author_counts);

-- QA1's and QA2's rows: the audits of `audits` (a table or common table expression of audits
-- with the deadline_date each is due by), answered by a note as answered_by_deadline says; the
-- gap reads "<missing> by <deadline>".
create macro audits_answered(audits, missing, author_roles := null, any_author_counts := false) as table
    with due_audits as (
        select
            case_id,
            audit_id as item_id,
            audit_date as due_from,
            missing as missing,
            auditor_id,
            grade,
            deadline_date
        from query_table(audits)
    )

    select * from answered_by_deadline(due_audits, true, author_roles, any_author_counts);

-- VC2's and VC3's rows: victims_due(working_days, consenting_only) met when their next step was
-- taken by the deadline: step 'contact' (contacted_date) or 'rj_offer' (rj_offered_date). A
-- step, a contact or a take-up after D is not known on D. The gap reads "<not_taken> by
-- <deadline>" or "<taken> on <date>, after <deadline>".
create macro victim_step_in_time(working_days, consenting_only, step, taken, not_taken) as table
    with stepped as (
        select
            *,
            case step when 'contact' then contacted_date when 'rj_offer' then rj_offered_date end as step_date
        from victims_due(working_days, consenting_only)
    ),

    judged as (
        select
            *,
            -- the deadline is on or before D
            coalesce(step_date <= deadline_date, false) as in_time,
            case when step_date <= as_of_date then step_date end as step_by_d
        from stepped
    )

    select
        as_of_date,
        case_id,
        cast(null as varchar) as staff_id,
        victim_id as item_id,
        identified_date as item_date,
        in_time as in_numerator,
        case
            when step_by_d is null then not_taken || ' by ' || strftime(deadline_date, '%Y-%m-%d')
            when not in_time then taken || ' on ' || strftime(step_by_d, '%Y-%m-%d') || ', after '
                || strftime(deadline_date, '%Y-%m-%d')
        end as gap,
        case when not in_time then identified_date end as since_date,
        identified_date,
        deadline_date,
        step_by_d as step_date,
        working_days_between(identified_date, step_by_d) as working_days_to_step,
        consent_to_contact,
        case when contacted_date <= as_of_date then contacted_date end as contacted_date,
        case when rj_offered_date <= as_of_date then rj_took_part end as rj_took_part
    from judged;

-- Case rows met when the case's latest review (latest_review_date of `reviews`, a table or
-- common table expression with as_of_date, case_id and start_date) is dated within the last
-- within_days of D (RC2, RC5, ES2); the gap reads "no <missing> in the last <within_days> days".
-- The rest of its columns follow latest_review_date as they stand.
create macro reviewed_within(reviews, within_days, missing) as table
    with judged as (
        select *, coalesce(latest_review_date > as_of_date - within_days, false) as in_numerator
        from query_table(reviews)
    )

    select
        as_of_date,
        case_id,
        cast(null as varchar) as staff_id,
        case_id as item_id,
        as_of_date as item_date,
        in_numerator,
        case when not in_numerator then 'no ' || missing || ' in the last ' || within_days || ' days' end as gap,
        coalesce(latest_review_date, start_date) as since_date,
        latest_review_date,
        * exclude (as_of_date, case_id, start_date, latest_review_date, in_numerator)
    from judged;

-- FP1's rows: open cases that started at least interval_days before D, met when a management
-- entry is dated within the last interval_days of D (reviewed_within). RC1 is the same rule on
-- raised-risk cases.
create macro recent_oversight(interval_days, any_author_counts) as table
    with reviews as (
        select as_of_date, case_id, start_date, latest_entry_date as latest_review_date
        from open_cases_with_latest_entry(interval_days, any_author_counts)
    )

    select * rename (latest_review_date as latest_entry_date)
    from reviewed_within(reviews, interval_days, 'management entry');

-- Formal one-to-one supervision sessions: kind formal_1to1, or no kind given (the data
-- contract reads an empty kind as formal_1to1). DR4 and SC3 count only these.
create macro formal_supervisions() as table
    select * from main.supervisions
    where kind is null or kind = 'formal_1to1';

-- Each D of the windows with its rows of `rows` (the indicator's rows: the temporary table
-- `items` that an indicator's companion query reads); a D with none keeps one row of nulls, so
-- it still counts 0 (DR2.extra, TL4.extra, QA3.extra).
create macro window_items(rows) as table
    select windows.as_of_date, rows.* exclude (as_of_date)
    from temp.windows as windows
    left join query_table(rows) as rows on windows.as_of_date = rows.as_of_date;

-- Staff with their role's rank, lowest first in the order of oversight/schema.py's ROLES
-- (case_manager 1 to assistant_director 8), and whether it is the highest rank anyone holds in
-- the extract: the most senior post, below which DR4's chain of supervision stops (DR4,
-- DR4.extra).
create macro ranked_staff() as table
    with ranked as (
        select
            *,
            list_position(
                ['case_manager', 'specialist', 'senior_practitioner', 'deputy_team_manager', 'team_manager',
                 'operational_manager', 'head_of_service', 'assistant_director'],
                role
            ) as role_rank
        from main.staff
    )

    select *, role_rank = max(role_rank) over () as is_most_senior
    from ranked;

-- The cases a signed-in person's scope (allowed_staff: staff ids) may open in the explorer: each
-- case any of them has held, as its case manager now or by an allocation at any time.
create macro cases_in_scope(allowed_staff) as table
    select case_id from main.cases where list_contains(allowed_staff, case_manager_id)
    union
    select case_id from main.allocation_history where list_contains(allowed_staff, staff_id);
