// Listed companies and market indexes: the large and well-known companies of the Shanghai, Shenzhen and Hong Kong
// markets under their usual short names (banks, insurers, brokers, liquor, appliances, cars, energy, telecom,
// property, pharma, technology), and the market indexes people ask about. Source: written by the Lingxi project
// from general financial knowledge; a customer asking about one of these is usually asking about its share.

export const COMPANIES = `
工商银行 建设银行 农业银行 中国银行 交通银行 招商银行 浦发银行 民生银行 兴业银行 中信银行 光大银行 平安银行 华夏银行
北京银行 南京银行 宁波银行 上海银行 江苏银行 杭州银行 邮储银行 中国平安 中国人寿 中国太保 新华保险 中国人保 中信证券
海通证券 国泰君安 华泰证券 广发证券 招商证券 东方证券 兴业证券 申万宏源 东方财富 同花顺 贵州茅台 五粮液 泸州老窖
洋河股份 山西汾酒 古井贡酒 青岛啤酒 伊利股份 蒙牛乳业 光明乳业 海天味业 双汇发展 格力电器 美的集团 海尔智家 青岛海尔
海信视像 四川长虹 老板电器 苏泊尔 上汽集团 比亚迪 长城汽车 长安汽车 广汽集团 吉利汽车 一汽解放 宇通客车
潍柴动力 福耀玻璃 宁德时代 隆基绿能 隆基股份 通威股份 阳光电源 天齐锂业 赣锋锂业 中国石油 中国石化 中国海油
中国神华 陕西煤业 长江电力 华能国际 国电电力 中国核电 三峡能源 中国移动 中国联通 中国电信 中兴通讯 烽火通信 万科
保利发展 招商蛇口 金地集团 华侨城 绿地控股 碧桂园 恒大 融创中国 中国建筑 中国中铁 中国铁建 中国交建 中国中车 中国电建
中国船舶 中航沈飞 航发动力 中国国航 东方航空 南方航空 春秋航空 中远海控 招商轮船 上港集团 顺丰控股 中国中免
恒瑞医药 药明康德 迈瑞医疗 片仔癀 云南白药 同仁堂 爱尔眼科 智飞生物 长春高新 复星医药 通策医疗 华大基因
海康威视 大华股份 立讯精密 歌尔股份 中芯国际 韦尔股份 兆易创新 紫光国微 北方华创 三安光电 科大讯飞 用友网络
金山办公 恒生电子 浪潮信息 中科曙光 紫光股份 东方通信 中国软件 宝信软件 分众传媒 芒果超媒 腾讯控股 阿里巴巴
京东集团 美团点评 小米集团 网易 百度集团 拼多多 快手科技 联想集团 中国海外发展 华润置地 华润万家 舜宇光学 宝钢股份
鞍钢股份 河钢股份 紫金矿业 江西铜业 中国铝业 山东黄金 中金黄金 洛阳钼业 万华化学 荣盛石化 恒力石化 三一重工 中联重科
徐工机械 中国重汽 海螺水泥 东方雨虹 牧原股份 温氏股份 海大集团 中粮糖业 北大荒 永辉超市 苏宁易购 国美电器
上证指数 上证综指 深证成指 深成指 创业板 创业板指 沪深两市 科创板 中小板 恒生指数 恒指 道琼斯 纳斯达克
标普 大盘 沪指 深指 北证
`;
