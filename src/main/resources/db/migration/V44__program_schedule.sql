-- A program's next version scheduled from a simulated draft (docs/simulator.md, "Scheduling"): the
-- whole file as scheduled, the first day its new version is in force, the simulation it passed.
-- The latest row of a program is the program's file from then on; rows are never changed.
create table program_schedule (
    id             bigint generated always as identity primary key,
    program_id     text        not null,
    effective_from date        not null,
    file           text        not null,
    simulation_id  bigint,
    scheduled_by   text        not null,
    scheduled_at   timestamptz not null default now(),
    constraint ck_program_schedule_first_day check (extract(day from effective_from) = 1)
);
create index ix_program_schedule_program on program_schedule (program_id, id);

create trigger program_schedule_immutable before update or delete on program_schedule
    for each row execute function refuse_change();
