import { describe, expect, it } from 'vitest';
import { splitCredit } from './split-credit.ts';

describe('splitCredit', () => {
  it.each([
    ['码头灯火通明。 林小川摄（城市影像）', '码头灯火通明。', '林小川摄（城市影像）'],
    ['桥吊司机在高空驾驶室里操作。 马 青摄（城市影像）', '桥吊司机在高空驾驶室里操作。', '马 青摄（城市影像）'],
    [
      '班列驶出港区。 周 林 宋一帆摄影报道 数据来源：东港集团',
      '班列驶出港区。',
      '周 林 宋一帆摄影报道 数据来源：东港集团',
    ],
    ['游客在古镇拍照留念。（本报记者 王明 摄）', '游客在古镇拍照留念。', '本报记者 王明 摄'],
    ['新能源汽车驶下生产线（新华社记者 李青 摄）', '新能源汽车驶下生产线', '新华社记者 李青 摄'],
    ['麦田里的收割机 图：张华', '麦田里的收割机', '图：张华'],
    ['稻田鸟瞰。 来源：县融媒体中心', '稻田鸟瞰。', '来源：县融媒体中心'],
    ['晨光中的大桥。 市交通局供图', '晨光中的大桥。', '市交通局供图'],
    ['工人在生产线上忙碌 张三摄', '工人在生产线上忙碌', '张三摄'],
    ['货车在港口集结 唐 克摄', '货车在港口集结', '唐 克摄'],
  ])('%s', (text, caption, credit) => {
    expect(splitCredit(text)).toEqual({ caption, credit });
  });

  it.each([
    '江边的晨练人群。',
    '摄影爱好者在湖边拍摄日出。',
    '他说：“我们摄制了一部纪录片。”',
    'A container ship at dawn.',
  ])('leaves a caption without credit alone: %s', (text) => {
    expect(splitCredit(text)).toEqual({ caption: text });
  });

  it('reads a lone credit as a credit', () => {
    expect(splitCredit('张三摄')).toEqual({ caption: '', credit: '张三摄' });
  });

  it('collapses white space, including full-width and no-break spaces', () => {
    expect(splitCredit('  海边\u00a0日落。\u3000 王五摄 ')).toEqual({ caption: '海边 日落。', credit: '王五摄' });
  });

  it('does not scan a very long text for a credit', () => {
    const long = `${'很长的说明文字'.repeat(200)} 张三摄`;
    expect(splitCredit(long).credit).toBeUndefined();
  });
});
