-- Countersigned (FP4): stages completed in the window whose countersign_working_days ran out
-- by the window's end, each countersigned by D.
-- JG1.sql's stage_checks judges, ranks and words the stages for this check and the other
-- countersignature check alike.
-- source: Oversight's case judgement (JG1), checking the rule of FP4

select * exclude (check_name) from stage_checks where check_name = 'countersigned'
