-- deal: what the incentive feature reads to tell whether an accepted warm lead became a deal (a
-- deal of the accepting partner for the lead's tax id, or without one for its company name).
create view deal_lead_match_view as
    select id as deal_id, partner_id, customer_tax_id, lower(customer_name) as customer_name_lower, registered_on
      from deal;
