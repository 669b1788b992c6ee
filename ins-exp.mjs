import pg from 'pg';
const c = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/' + process.argv[2] });
await c.connect();
const { rows } = await c.query('select run_id, employee_id, unit_id, nip, name, golongan, position_name, employee_type, kelas, base, kinerja, disiplin, deductions, sanction_cut, gross, bpjs_employer, bpjs_employee, tax, correction, net, excluded, exclusion_code, breakdown::text as breakdown, inputs, inputs_hash, result_hash, version, updated_at from tpp_run_lines');
const cols = Object.keys(rows[0]);
async function run(table, setup) {
  await c.query(`drop table if exists ${table}`);
  await c.query(`create table ${table} (like tpp_run_lines including all)`);
  await c.query(`alter table ${table} drop constraint if exists ${table}_pkey`);
  for (const s of setup) await c.query(s.replaceAll('T', table));
  await c.query('begin');
  const t0 = performance.now();
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    const params = []; const tuples = [];
    for (const r of chunk) { tuples.push('(' + cols.map((k) => { params.push(r[k]); return '$' + params.length; }).join(',') + ')'); }
    await c.query(`insert into ${table} (${cols.join(',')}) values ${tuples.join(',')}`, params);
  }
  const t1 = performance.now();
  await c.query('commit');
  console.log(table, setup.join('; ') || 'as is', ((t1 - t0) / 1000).toFixed(2), 's; commit', ((performance.now() - t1) / 1000).toFixed(2));
}
await run('y1', []);
await run('y2', ['alter table T alter column breakdown type text']);
await run('y3', ['alter table T alter column inputs set compression lz4, alter column breakdown set compression lz4']);
await run('y4', ['alter table T alter column breakdown type text', 'alter table T alter column inputs set compression lz4, alter column breakdown set compression lz4']);
await run('y5', ['alter table T alter column breakdown type text', 'alter table T alter column inputs set storage external, alter column breakdown set storage external']);
await run('y1', []);
await c.end();
