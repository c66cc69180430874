-- Countersigned in time (TL4): each stage of the window countersigned by D, within
-- countersign_working_days of completion; a stage never countersigned fails FP4's check only.
-- JG1.sql's stage_checks judges, ranks and words the stages for this check and the other
-- countersignature check alike.
-- source: Oversight's case judgement (JG1), checking the rule of TL4

select * exclude (check_name) from stage_checks where check_name = 'countersign_time'
