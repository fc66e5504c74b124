// Person, place and organization names from jieba's POS tags (nr / ns / nt). English proper nouns carry no type
// in wink's tagset, so they are left to dictionaries and the trained slot labeller.
import type { Entity, Token } from '../types.ts';

const NAME_TAGS: Record<string, { type: string; confidence: number }> = {
  nr: { type: 'person', confidence: 0.7 },
  nrfg: { type: 'person', confidence: 0.7 },
  ns: { type: 'place', confidence: 0.75 },
  nt: { type: 'organization', confidence: 0.75 },
};

// jieba's nr also fires on words like 银行卡; a Chinese person name starts with a common surname
const COMMON_SURNAMES = new Set(
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤欧常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由'.split(
    '',
  ),
);
// 司马, 欧阳… two-character surnames
const COMPOUND_SURNAMES = [
  '欧阳',
  '司马',
  '诸葛',
  '上官',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '令狐',
  '长孙',
  '宇文',
  '夏侯',
  '端木',
];

function looksLikePersonName(name: string): boolean {
  if (name.length < 2 || name.length > 4) return false;
  return COMMON_SURNAMES.has(name[0] as string) || COMPOUND_SURNAMES.some((s) => name.startsWith(s));
}

export function namesFromTokens(tokens: readonly Token[]): Entity[] {
  const out: Entity[] = [];
  for (const token of tokens) {
    const kind = NAME_TAGS[token.pos];
    if (!kind || token.norm.length < 2) continue;
    if (kind.type === 'person' && !looksLikePersonName(token.norm)) continue;
    out.push({
      type: kind.type,
      value: token.norm,
      text: token.text,
      start: token.start,
      end: token.end,
      confidence: kind.confidence,
    });
  }
  return out;
}
