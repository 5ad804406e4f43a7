#!/usr/bin/env node
// Writes the expected orders of tests/ballot_order.rs from the second source, Rime's stroke
// dictionary (data/README.md), which data/strokes.tsv does not copy: common surnames, and names
// built from them, each list in the order the second source's counts and sequences give. Run by
// hand, from the repository's root:
//
//   node scripts/strokes/second-source.mjs SOURCES_DIR
//
// Surnames whose count and sequence tie with another's in the list are left out: the second
// source does not decide their order.

import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const dir = resolve(process.argv[2] ?? '');
const text = readFileSync(join(dir, 'rime/stroke.dict.yaml'), 'utf8');
const R = { h: 1, s: 2, p: 3, n: 4, z: 5 };
const rime = new Map();
for (const line of text.slice(text.indexOf('\n...\n') + 5).split('\n')) {
  const [ch, code] = line.split('\t');
  // Where a character is listed twice, the second (附碼表) is the mainland form.
  if (ch && code && [...ch].length === 1) rime.set(ch, [...code].map((c) => R[c]).join(''));
}

// The common surnames of 《百家姓》 and of today's registers, and some compound ones.
const SURNAMES = [...`
王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任
沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔
向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌
毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦
麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩
明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强
帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓
修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植
衡富尧闭由`].filter((c) => /\p{Script=Han}/u.test(c));
const COMPOUND = ['欧阳', '司马', '诸葛', '上官', '司徒', '东方', '皇甫', '慕容', '令狐', '尉迟', '长孙', '宇文', '夏侯', '公孙', '轩辕', '端木', '西门', '南宫'];
const GIVEN = ['一', '力', '丽', '文', '军', '红', '芳', '明', '建国', '大利', '富', '小平', '志强', '秀英', '海燕', '伟', '敏', '静', '桂兰', '玉兰'];

const seen = new Map();
for (const s of SURNAMES) {
  if (!rime.has(s)) throw new Error(`the second source lacks ${s}`);
  seen.set(s, (seen.get(s) ?? 0) + 1);
}
const unique = [...new Set(SURNAMES)];
const key = (c) => rime.get(c);
const cmpChar = (a, b) => {
  const x = key(a), y = key(b);
  return x.length - y.length || (x < y ? -1 : x > y ? 1 : 0);
};
const tied = new Set();
for (const a of unique) for (const b of unique) if (a !== b && cmpChar(a, b) === 0) tied.add(a);
const surnames = unique.filter((s) => !tied.has(s)).sort(cmpChar);

// Names: every surname of the list with a given name picked by its place, so that names of one
// surname differ; under both methods.
const names = [];
surnames.forEach((s, i) => {
  names.push(s + GIVEN[i % GIVEN.length]);
  if (i % 3 === 0) names.push(s + GIVEN[(i + 7) % GIVEN.length]);
});
for (const [i, c] of COMPOUND.entries()) names.push(c + GIVEN[(i * 3) % GIVEN.length]);
const slots = (name, blank) => {
  const cs = [...name];
  return blank && cs.length === 2 ? [cs[0], null, cs[1]] : cs;
};
const cmpName = (blank) => (a, b) => {
  const x = slots(a, blank), y = slots(b, blank);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] === y[i]) continue;
    if (x[i] === null) return -1;
    if (y[i] === null) return 1;
    const c = cmpChar(x[i], y[i]);
    if (c !== 0) return c;
    throw new Error(`the second source does not decide ${a} / ${b}`);
  }
  return x.length - y.length;
};
const unique2 = [...new Set(names)].filter((n) => [...n].every((c) => !tied.has(c)));
const header = (what) =>
  `# ${what}, in the order of the second source (Rime's stroke dictionary, data/README.md);\n` +
  `# written by scripts/strokes/second-source.mjs, checked by tests/ballot_order.rs.\n`;
const out = 'tests/fixtures/ballot-order';
writeFileSync(`${out}/surnames.txt`, header(`${surnames.length} common surnames`) + surnames.join('\n') + '\n');
writeFileSync(`${out}/names-by-surname.txt`, header(`${unique2.length} names, 按姓氏笔画 (surname_strokes)`) + [...unique2].sort(cmpName(true)).join('\n') + '\n');
writeFileSync(`${out}/names-by-name.txt`, header(`${unique2.length} names, 按姓名笔画 (name_strokes)`) + [...unique2].sort(cmpName(false)).join('\n') + '\n');
console.error(`${surnames.length} surnames (${tied.size} left out for ties: ${[...tied].join('')}), ${unique2.length} names`);
